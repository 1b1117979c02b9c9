import { Globe, Smartphone } from "lucide-react";
import type { SupportChannel } from "@/db/schema";
import { cn } from "@/lib/ui/cn";

export const CHANNEL_LABELS: Record<SupportChannel, string> = { web: "Web", whatsapp: "WhatsApp" };

/** A small "Web" / "WhatsApp" marker: where a message or conversation came from. */
export function ChannelMarker({ channel, className, iconOnly = false }: { channel: SupportChannel; className?: string; iconOnly?: boolean }) {
  const Icon = channel === "whatsapp" ? Smartphone : Globe;
  return (
    <span
      className={cn("inline-flex items-center gap-1", channel === "whatsapp" ? "text-emerald-700" : "text-sky-700", className)}
      data-channel={channel}
      title={iconOnly ? `Sent via ${CHANNEL_LABELS[channel]}` : undefined}
    >
      <Icon aria-hidden className="size-3" />
      {iconOnly ? <span className="sr-only">via {CHANNEL_LABELS[channel]}</span> : CHANNEL_LABELS[channel]}
    </span>
  );
}
