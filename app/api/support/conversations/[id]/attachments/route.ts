import { ValidationError } from "@/lib/api/errors";
import { parseId } from "@/lib/api/parse-id";
import { readFormData } from "@/lib/api/read-form-data";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { ATTACHMENT_MAX_BYTES } from "@/lib/support/attachment-type";
import { uploadAttachment } from "@/lib/support/attachments";

export const runtime = "nodejs";

/** multipart/form-data: `file` (PNG, JPEG, WEBP or PDF up to 5 MB) and an optional `message`. */
export const POST = withAuth<{ id: string }>({ permission: "support:participate", rateLimit: "support:message" }, async (request, { db, actor, audit, params }) => {
  const message = await uploadAttachment(db, actor, audit, parseId(params.id, "Conversation"), async () => {
    // Room for the multipart framing and a caption around the largest file.
    const form = await readFormData(request, ATTACHMENT_MAX_BYTES + 64 * 1024);
    const file = form.get("file");
    if (!(file instanceof File)) throw new ValidationError("file", "Choose a file to attach.");
    const caption = form.get("message");
    return { file, ...(typeof caption === "string" ? { caption } : {}) };
  });
  return json({ message }, { status: 201 });
});
