import type { ConsumerReport } from "@/lib/tpn/types";
import { formatMonth, words } from "../format";

export type Notice = NonNullable<ConsumerReport["notices"]>[number];

/** "Active debt review notice from 2025-10, reference DC1234, Cape Town Magistrate's Court". */
export function noticeEvidence(notice: Notice): string {
  const status = words(notice.status);
  return [
    `${status.charAt(0).toUpperCase()}${status.slice(1)} ${words(notice.type)} notice from ${formatMonth(notice.date)}`,
    ...(notice.reference ? [`reference ${notice.reference}`] : []),
    ...(notice.court ? [notice.court] : []),
  ].join(", ");
}
