/** What the app sends, in its own terms; `toGraphBody` turns it into Meta's message object. */
export type OutboundMessage =
  | { type: "text"; text: string }
  | { type: "buttons"; text: string; buttons: Array<{ id: string; title: string }>; footer?: string }
  | { type: "list"; text: string; button: string; rows: Array<{ id: string; title: string; description?: string }> }
  | { type: "document"; mediaId: string; filename: string; caption?: string }
  | { type: "template"; name: string; language: string; parameters: string[]; quickReplies?: string[] };

/** Meta's limits (Cloud API docs): longer text is cut with an ellipsis rather than refused. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function toGraphBody(to: string, message: OutboundMessage): Record<string, unknown> {
  const base = { messaging_product: "whatsapp", recipient_type: "individual", to };
  switch (message.type) {
    case "text":
      return { ...base, type: "text", text: { body: clip(message.text, 4096), preview_url: false } };
    case "buttons":
      return {
        ...base,
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: clip(message.text, 1024) },
          ...(message.footer ? { footer: { text: clip(message.footer, 60) } } : {}),
          action: { buttons: message.buttons.slice(0, 3).map((button) => ({ type: "reply", reply: { id: button.id, title: clip(button.title, 20) } })) },
        },
      };
    case "list":
      return {
        ...base,
        type: "interactive",
        interactive: {
          type: "list",
          body: { text: clip(message.text, 4096) },
          action: {
            button: clip(message.button, 20),
            sections: [
              {
                title: "Menu",
                rows: message.rows.slice(0, 10).map((row) => ({
                  id: row.id,
                  title: clip(row.title, 24),
                  ...(row.description ? { description: clip(row.description, 72) } : {}),
                })),
              },
            ],
          },
        },
      };
    case "document":
      return { ...base, type: "document", document: { id: message.mediaId, filename: message.filename, ...(message.caption ? { caption: clip(message.caption, 1024) } : {}) } };
    case "template":
      return {
        ...base,
        type: "template",
        template: {
          name: message.name,
          language: { code: message.language },
          components: [
            ...(message.parameters.length > 0 ? [{ type: "body", parameters: message.parameters.map((text) => ({ type: "text", text: clip(text, 1024) })) }] : []),
            // The template's quick-reply buttons come back as our payloads when tapped.
            ...(message.quickReplies ?? []).map((payload, index) => ({ type: "button", sub_type: "quick_reply", index: String(index), parameters: [{ type: "payload", payload }] })),
          ],
        },
      };
  }
}

/** A short plain-text rendering of a message, for the stored (sealed) copy and the simulator. */
export function describeMessage(message: OutboundMessage): string {
  switch (message.type) {
    case "text":
      return message.text;
    case "buttons":
      return `${message.text}\n[${message.buttons.map((button) => button.title).join("] [")}]`;
    case "list":
      return `${message.text}\n${message.rows.map((row) => `• ${row.title}`).join("\n")}`;
    case "document":
      return `Document ${message.filename}${message.caption ? `: ${message.caption}` : ""}`;
    case "template":
      return `Template ${message.name}(${message.parameters.join(", ")})`;
  }
}
