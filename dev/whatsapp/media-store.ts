/**
 * Uploaded media, kept in memory by id, and the multipart parsing of POST /:phoneNumberId/media.
 * Limits follow Meta's supported-media table for the types the sandbox accepts: documents
 * (application/pdf) up to 100 MB, images (image/jpeg, image/png) up to 5 MB; anything else is
 * 131053 "Media upload error".
 */
import { createHash } from "node:crypto";
import { mediaUploadError, invalidParameter } from "./graph-errors";
import { newMediaId } from "./ids";

export interface StoredMedia {
  id: string;
  bytes: Buffer;
  mimeType: string;
  filename?: string;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
}

const MB = 1024 * 1024;
export const MEDIA_LIMITS: Record<string, number> = {
  "application/pdf": 100 * MB,
  "image/jpeg": 5 * MB,
  "image/png": 5 * MB,
};
/** Largest request body the upload route reads: the biggest file plus room for multipart framing. */
export const MAX_UPLOAD_BODY_BYTES = 100 * MB + 64 * 1024;

export class MediaStore {
  private readonly items = new Map<string, StoredMedia>();

  add(bytes: Buffer, mimeType: string, filename?: string): StoredMedia {
    const media: StoredMedia = {
      id: newMediaId(),
      bytes,
      mimeType,
      ...(filename ? { filename } : {}),
      sha256: createHash("sha256").update(bytes).digest("hex"),
    };
    this.items.set(media.id, media);
    return media;
  }

  get(id: string): StoredMedia | undefined {
    return this.items.get(id);
  }

  delete(id: string): boolean {
    return this.items.delete(id);
  }
}

/**
 * Parses the multipart body with the platform's own parser (undici's Request#formData), then applies
 * Meta's rules: messaging_product=whatsapp, a `file` part, an allowed type within its size limit.
 * The `type` field wins over the part's own Content-Type, as on Meta.
 */
export async function parseUpload(body: Buffer, contentType: string | undefined): Promise<{ bytes: Buffer; mimeType: string; filename?: string }> {
  if (!contentType?.toLowerCase().startsWith("multipart/form-data")) {
    throw invalidParameter("Param file is required: upload media as multipart/form-data");
  }
  let form: FormData;
  try {
    form = await new Request("http://sandbox.invalid/upload", { method: "POST", headers: { "content-type": contentType }, body: new Uint8Array(body) }).formData();
  } catch {
    throw invalidParameter("The multipart/form-data body could not be parsed");
  }
  if (form.get("messaging_product") !== "whatsapp") throw invalidParameter("Param messaging_product must be 'whatsapp'");
  const file = form.get("file");
  if (file === null || typeof file === "string") throw invalidParameter("Param file is required and must be a file part");
  const typeField = form.get("type");
  const mimeType = (typeof typeField === "string" && typeField !== "" ? typeField : file.type).toLowerCase().split(";")[0]?.trim() ?? "";
  const limit = MEDIA_LIMITS[mimeType];
  if (limit === undefined) throw mediaUploadError(`Unsupported file type ${mimeType || "(none)"}: the sandbox accepts ${Object.keys(MEDIA_LIMITS).join(", ")}`);
  if (file.size === 0) throw mediaUploadError("The file is empty");
  if (file.size > limit) throw mediaUploadError(`The file is ${file.size} bytes; ${mimeType} may be at most ${limit} bytes`);
  const bytes = Buffer.from(await file.arrayBuffer());
  return { bytes, mimeType, ...(file.name ? { filename: file.name } : {}) };
}

/** A tiny valid PDF and JPEG (and an Ogg page header) the sandbox stores for the user's inbound documents, photos and voice notes. */
export const PLACEHOLDER_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
export const PLACEHOLDER_JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
  "base64",
);
/** The first bytes of an Ogg stream ("OggS", version 0, beginning of stream): enough to be recognised as audio, not to be played. */
export const PLACEHOLDER_OGG = Buffer.concat([Buffer.from("OggS"), Buffer.from([0, 2]), Buffer.alloc(22)]);
