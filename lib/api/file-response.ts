/**
 * A stored file handed back as a download: never rendered inline (an uploaded "image" could be
 * anything to a browser that sniffs), never cached, with a filename reduced to safe characters.
 */
export function fileResponse(file: { bytes: Uint8Array<ArrayBuffer>; mimeType: string; filename: string }): Response {
  return new Response(file.bytes, {
    headers: {
      "content-type": file.mimeType,
      "content-disposition": `attachment; filename="${file.filename.replace(/[^\w.\- ]/g, "_")}"`,
      "content-length": String(file.bytes.byteLength),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
