/**
 * A company's standing: deregistered, in liquidation or in business rescue, from its CIPC status or
 * an ACTIVE liquidation / business rescue notice (one reason each, whichever shows it).
 */
import type { CommercialReport } from "@/lib/tpn/types";
import { words } from "../format";
import { reason, type FactorResult } from "../reason";
import type { Reason } from "../types";
import { COMPANY_STATUS_POINTS } from "../weights";
import { noticeEvidence } from "./notice-evidence";

export function companyFactor(report: CommercialReport): FactorResult {
  const status = report.company?.status;
  const notices = report.notices ?? [];
  const statusEvidence = status ? [`Company status: ${words(status)}`] : [];
  const reasons: Reason[] = [];

  if (status === "DEREGISTERED" || status === "FINAL_DEREGISTRATION") {
    const sentence = "CIPC lists the company as deregistered: it no longer exists as a legal entity and cannot be held to a lease.";
    reasons.push(reason("COMPANY_DEREGISTERED", "HIGH", sentence, statusEvidence, COMPANY_STATUS_POINTS.DEREGISTERED));
  }

  const liquidation = notices.filter((notice) => notice.type === "LIQUIDATION" && notice.status === "ACTIVE");
  if (status === "IN_LIQUIDATION" || liquidation.length > 0) {
    const sentence = "The company is being liquidated (wound up) and may not be able to pay rent.";
    const evidence = [...(status === "IN_LIQUIDATION" ? statusEvidence : []), ...liquidation.map(noticeEvidence)];
    reasons.push(reason("COMPANY_IN_LIQUIDATION", "HIGH", sentence, evidence, COMPANY_STATUS_POINTS.IN_LIQUIDATION));
  }

  const rescue = notices.filter((notice) => notice.type === "BUSINESS_RESCUE" && notice.status === "ACTIVE");
  if (status === "IN_BUSINESS_RESCUE" || rescue.length > 0) {
    const sentence = "The company is in business rescue: it is in financial distress and is run under a business rescue practitioner's supervision.";
    const evidence = [...(status === "IN_BUSINESS_RESCUE" ? statusEvidence : []), ...rescue.map(noticeEvidence)];
    reasons.push(reason("COMPANY_IN_BUSINESS_RESCUE", "HIGH", sentence, evidence, COMPANY_STATUS_POINTS.IN_BUSINESS_RESCUE));
  }

  return { factor: "COMPANY", reasons };
}
