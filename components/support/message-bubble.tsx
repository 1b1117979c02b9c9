import { Check, CheckCheck, CircleAlert, FileText, StickyNote } from "lucide-react";
import type { MessageDto } from "@/lib/support/dto";
import { cn } from "@/lib/ui/cn";
import { attachmentUrl } from "./api";
import { formatBytes } from "./attachment-rules";
import { ChannelMarker } from "./channel-marker";
import { formatChatTime } from "./format";

/** Delivery state of one's own message (always on the teal bubble): ✓ sent, ✓✓ read (light blue), or not delivered. */
function StateTicks({ state }: { state: MessageDto["state"] }) {
  if (state === "failed") {
    return (
      <span className="inline-flex items-center gap-1 rounded bg-white px-1 font-medium text-red-700" data-state={state}>
        <CircleAlert aria-hidden className="size-3" /> Not delivered
      </span>
    );
  }
  const read = state === "read";
  const Icon = read ? CheckCheck : Check;
  const label = read ? "Read" : state === "delivered" ? "Delivered" : "Sent";
  return (
    <span className={cn("inline-flex items-center", read ? "text-sky-200" : "")} data-state={state} title={label}>
      <Icon aria-hidden className="size-3.5" />
      <span className="sr-only">{label}</span>
    </span>
  );
}

function Attachment({ attachment, own }: { attachment: NonNullable<MessageDto["attachment"]>; own: boolean }) {
  const href = attachmentUrl(attachment.id);
  const image = attachment.mimeType.startsWith("image/");
  return (
    <a
      href={href}
      download={attachment.filename}
      className={cn(
        "mt-1 flex max-w-full flex-col gap-1 rounded-md border p-2 text-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
        own ? "border-white/30 bg-white/10 hover:bg-white/20" : "border-border bg-background hover:bg-muted",
      )}
    >
      {image ? (
        // The API serves the file itself; a same-origin <img> shows the screenshot inline.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={href} alt={`Screenshot ${attachment.filename}`} className="max-h-40 w-auto max-w-full rounded object-contain" loading="lazy" />
      ) : null}
      <span className="flex min-w-0 items-center gap-1.5">
        <FileText aria-hidden className="size-4 shrink-0" />
        <span className="min-w-0 truncate font-medium">{attachment.filename}</span>
        <span className="shrink-0 opacity-80">{formatBytes(attachment.bytes)}</span>
      </span>
    </a>
  );
}

/**
 * One message. The viewer's own side is on the right (teal); the other side on the left; internal
 * notes (staff only) are yellow; system lines are centred. `showAuthor` names who wrote it (the inbox
 * shows every agent's name; the widget says "Support").
 */
export function MessageBubble({ message, viewer, showChannel = false }: { message: MessageDto; viewer: "requester" | "agent"; showChannel?: boolean }) {
  const common = { "data-testid": "support-message", "data-author": message.author, "data-visibility": message.visibility, "data-message-id": message.id };
  if (message.author === "system") {
    return (
      <li {...common} className="flex justify-center">
        <p className="max-w-[90%] rounded-full bg-muted px-3 py-1 text-center text-xs text-muted-foreground">
          {message.body} <span className="whitespace-nowrap">· {formatChatTime(message.createdAt)}</span>
        </p>
      </li>
    );
  }
  const own = message.author === viewer;
  const internal = message.visibility === "internal";
  const author = own && viewer === "requester" ? "You" : message.authorName || (message.author === "agent" ? "Support" : "Customer");
  return (
    <li {...common} className={cn("flex", own ? "justify-end" : "justify-start")}>
      <div
        className={cn(
          "flex max-w-[85%] min-w-0 flex-col rounded-lg px-3 py-2 text-sm shadow-sm",
          internal
            ? "border border-amber-300 bg-amber-50 text-amber-950"
            : own
              ? "rounded-br-sm bg-primary text-primary-foreground"
              : "rounded-bl-sm border border-border bg-card text-foreground",
        )}
      >
        {internal ? (
          <p className="mb-1 flex items-center gap-1 text-xs font-semibold text-amber-900">
            <StickyNote aria-hidden className="size-3.5" /> Internal note · only staff see this
          </p>
        ) : null}
        {message.body ? <p className="whitespace-pre-wrap break-words">{message.body}</p> : null}
        {message.attachment ? <Attachment attachment={message.attachment} own={own && !internal} /> : null}
        <p className={cn("mt-1 flex flex-wrap items-center justify-end gap-x-2 gap-y-0.5 text-[11px]", own && !internal ? "text-primary-foreground/80" : "text-muted-foreground")}>
          <span className="font-medium">{author}</span>
          {showChannel ? <ChannelMarker channel={message.channel} className={own && !internal ? "text-primary-foreground/90" : undefined} /> : null}
          <time dateTime={message.createdAt}>{formatChatTime(message.createdAt)}</time>
          {own && !internal ? <StateTicks state={message.state} /> : null}
        </p>
      </div>
    </li>
  );
}
