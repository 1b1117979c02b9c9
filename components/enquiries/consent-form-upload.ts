import { ATTACHMENT_MAX_BYTES, sniffAttachmentType } from "@/lib/support/attachment-type";

/** What the file input offers; the server decides by the file's bytes all the same. */
export const CONSENT_FORM_ACCEPT = "application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp";

/**
 * The browser's own check of a chosen signed form, with the server's rules: not empty, at most 5 MB,
 * and a PDF, PNG, JPEG or WEBP by its first bytes. Returns the message to show, or undefined.
 */
export async function checkConsentFormFile(file: File): Promise<string | undefined> {
  if (file.size === 0) return "The file is empty. Choose the scanned or photographed signed form.";
  if (file.size > ATTACHMENT_MAX_BYTES) return `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the signed form can be at most 5 MB.`;
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (!sniffAttachmentType(head)) return "Choose a PDF, or a PNG, JPEG or WEBP image, of the signed form.";
  return undefined;
}

/** Uploads the signed form for a just-created enquiry. Never throws: a failure comes back as its message. */
export async function uploadConsentForm(enquiryId: string, file: File): Promise<{ ok: true } | { ok: false; message: string }> {
  const form = new FormData();
  form.set("file", file);
  let response: Response;
  try {
    response = await fetch(`/api/enquiries/${encodeURIComponent(enquiryId)}/consent-form`, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { accept: "application/json" },
      body: form,
    });
  } catch {
    return { ok: false, message: "Could not reach TenantLens. Check your connection." };
  }
  if (response.ok) return { ok: true };
  const payload = (await response.json().catch(() => undefined)) as { error?: { message?: unknown } } | undefined;
  const message = typeof payload?.error?.message === "string" ? payload.error.message : response.status === 413 ? "The file is larger than 5 MB." : "Something went wrong on our side.";
  return { ok: false, message };
}
