/** What support accepts as attachments, recognised by their first bytes, never by name or claimed type. */
export const ATTACHMENT_TYPES = {
  "image/png": { extension: "png", starts: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  "image/jpeg": { extension: "jpg", starts: [[0xff, 0xd8, 0xff]] },
  "application/pdf": { extension: "pdf", starts: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
  "image/webp": { extension: "webp", starts: [] },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0) => prefix.every((value, index) => bytes[offset + index] === value);

export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  // WEBP is a RIFF container: "RIFF" <size> "WEBP".
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  for (const [type, { starts }] of Object.entries(ATTACHMENT_TYPES) as [AttachmentType, (typeof ATTACHMENT_TYPES)[AttachmentType]][]) {
    if (starts.some((prefix) => startsWith(bytes, prefix))) return type;
  }
  return undefined;
}

/** A safe display name: no path, no control characters, at most 120 characters, the right extension. */
export function cleanFilename(name: string, type: AttachmentType): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "").trim().slice(0, 120);
  const extension = ATTACHMENT_TYPES[type].extension;
  const stem = cleaned.replace(/\.[^.]*$/, "") || "attachment";
  return `${stem}.${extension}`;
}
