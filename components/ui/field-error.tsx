import { CircleAlert } from "lucide-react";
import { cn } from "@/lib/ui/cn";

/** The message under a field; the field points at it with aria-describedby and sets aria-invalid. */
export function FieldError({ id, message, className }: { id: string; message?: string; className?: string }) {
  if (!message) return null;
  return (
    <p id={id} className={cn("flex items-start gap-1.5 text-sm text-red-700", className)}>
      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>{message}</span>
    </p>
  );
}
