import { BadRequestError, PayloadTooLargeError } from "./errors";
import { readCappedBytes } from "./read-json";

/**
 * A multipart/form-data body up to `limitBytes` (413 beyond it, checked while streaming), parsed by
 * the platform's own multipart parser. Anything that is not multipart is a 400.
 */
export async function readFormData(request: Request, limitBytes: number): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw new BadRequestError("Send the file as multipart/form-data.", { code: "UNSUPPORTED_MEDIA_TYPE" });
  }
  if (Number(request.headers.get("content-length") ?? "0") > limitBytes) throw new PayloadTooLargeError(limitBytes);
  const body = await readCappedBytes(request, limitBytes);
  try {
    return await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    throw new BadRequestError("The form data could not be read.", { code: "INVALID_FORM_DATA" });
  }
}
