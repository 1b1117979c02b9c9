import { ValidationError } from "@/lib/api/errors";
import { fileResponse } from "@/lib/api/file-response";
import { parseId } from "@/lib/api/parse-id";
import { readFormData } from "@/lib/api/read-form-data";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { downloadConsentForm, uploadConsentForm } from "@/lib/consent/consent-form";
import { ATTACHMENT_MAX_BYTES } from "@/lib/support/attachment-type";

export const runtime = "nodejs";

/** multipart/form-data: `file`, the signed consent form (PDF, PNG, JPEG or WEBP up to 5 MB). */
export const POST = withAuth<{ id: string }>({ permission: "enquiry:create" }, async (request, { db, actor, audit, params }) => {
  const form = await uploadConsentForm(db, actor, audit, parseId(params.id, "Enquiry"), async () => {
    // Room for the multipart framing around the largest file.
    const data = await readFormData(request, ATTACHMENT_MAX_BYTES + 64 * 1024);
    const file = data.get("file");
    if (!(file instanceof File)) throw new ValidationError("file", "Choose the signed consent form to attach.");
    return file;
  });
  return json({ consentForm: form }, { status: 201 });
});

export const GET = withAuth<{ id: string }>({ permission: "enquiry:read" }, async (_request, { db, actor, audit, params }) => {
  const file = await downloadConsentForm(db, actor, audit, parseId(params.id, "Enquiry"));
  return fileResponse(file);
});
