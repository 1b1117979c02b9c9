import { Badge } from "@/components/ui/badge";
import type { SupportStatus } from "@/db/schema";

export const STATUS_LABELS: Record<SupportStatus, string> = { open: "Open", pending: "Pending", resolved: "Resolved" };
const VARIANTS = { open: "default", pending: "warning", resolved: "muted" } as const;

export function SupportStatusBadge({ status }: { status: SupportStatus }) {
  return (
    <Badge variant={VARIANTS[status]} data-status={status}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
