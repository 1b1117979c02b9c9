import type { EnquiryStatus } from "@/db/schema";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/ui/cn";
import { STATUS_META } from "./status";

export function StatusBadge({ status, className }: { status: EnquiryStatus; className?: string }) {
  const meta = STATUS_META[status];
  return (
    <Badge data-status={status} className={cn(meta.badge, className)}>
      {meta.label}
    </Badge>
  );
}
