import type { PdfFile } from "@/lib/reports/report-pdf-file";

/** A PDF download: attachment with the server's filename, never cached anywhere. */
export function pdfResponse(file: PdfFile): Response {
  return new Response(file.bytes, {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
      "content-length": String(file.bytes.byteLength),
    },
  });
}
