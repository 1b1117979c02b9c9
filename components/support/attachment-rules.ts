/** What the support API accepts as an attachment; checked here first so the user hears at once. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/webp": "WEBP",
  "application/pdf": "PDF",
};
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_TYPES).join(",");

/** An error message for a file the API would refuse, or undefined when it may be sent. */
export function attachmentProblem(file: { name: string; type: string; size: number }): string | undefined {
  if (!(file.type in ATTACHMENT_TYPES)) return `“${file.name}” cannot be sent: attach a screenshot (PNG, JPEG or WEBP) or a PDF.`;
  if (file.size > MAX_ATTACHMENT_BYTES) return `“${file.name}” is ${formatBytes(file.size)}; attachments can be at most 5 MB.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  return undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
