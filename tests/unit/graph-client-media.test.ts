/**
 * The Graph client's media download (Meta's protocol: GET /<media id> for a short-lived URL, then the
 * bytes from that URL with the same token) against a scripted local server: size limits before and
 * while reading, the hash check, retries with a fresh URL, and errors that are not retried.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { GraphApiError } from "@/lib/whatsapp/graph-errors";

const TOKEN = "media-test-token";
const MEDIA_ID = "1234567890";
const hex = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

type Handler = (req: IncomingMessage, res: ServerResponse, url: string) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A Graph API stand-in: `metadata` answers GET /v23.0/<id>, `file` answers GET /file; every request is logged. */
async function graph(options: { metadata: (base: string, call: number) => { status: number; body: unknown }; file: Handler }) {
  const log: Array<{ path: string; authorization: string | undefined }> = [];
  let metadataCalls = 0;
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    log.push({ path: url, authorization: req.headers.authorization });
    if (url === `/v23.0/${MEDIA_ID}`) {
      const answer = options.metadata(base, ++metadataCalls);
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
      return;
    }
    options.file(req, res, url);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createGraphClient({ baseUrl: `${base}/v23.0`, phoneNumberId: "100000000000001", accessToken: TOKEN, sleep: () => Promise.resolve() });
  return { client, log, base };
}

const describeFile = (base: string, bytes: Buffer, extra: Record<string, unknown> = {}) => ({
  status: 200,
  body: { messaging_product: "whatsapp", url: `${base}/file?mid=${MEDIA_ID}`, mime_type: "image/png", sha256: hex(bytes), file_size: bytes.length, id: MEDIA_ID, ...extra },
});

describe("GraphClient.downloadMedia", () => {
  it("fetches the URL from GET /<media id>, then the bytes from it with the same bearer token", async () => {
    const bytes = Buffer.from("\x89PNG\r\n\x1a\n a small picture");
    // Meta has sent file_size as a string.
    const { client, log } = await graph({ metadata: (base) => describeFile(base, bytes, { file_size: String(bytes.length) }), file: (_req, res) => res.end(bytes) });
    const result = await client.downloadMedia(MEDIA_ID, { maxBytes: 1024 });
    expect(result).toEqual({ status: "downloaded", bytes: new Uint8Array(bytes), mimeType: "image/png" });
    expect(log).toEqual([
      { path: `/v23.0/${MEDIA_ID}`, authorization: `Bearer ${TOKEN}` },
      { path: `/file?mid=${MEDIA_ID}`, authorization: `Bearer ${TOKEN}` },
    ]);
  });

  it("refuses a file whose declared size is over the limit without fetching it", async () => {
    const bytes = Buffer.alloc(2048, 1);
    const { client, log } = await graph({ metadata: (base) => describeFile(base, bytes), file: (_req, res) => res.end(bytes) });
    expect(await client.downloadMedia(MEDIA_ID, { maxBytes: 2047 })).toEqual({ status: "too-large", bytes: 2048 });
    expect(log.map((entry) => entry.path)).toEqual([`/v23.0/${MEDIA_ID}`]);
  });

  it("stops reading once the body is over the limit, whatever the metadata said", async () => {
    const big = Buffer.alloc(64 * 1024, 7);
    let written = 0;
    const { client } = await graph({
      // No size in the metadata, and the body streamed without a Content-Length.
      metadata: (base) => describeFile(base, big, { file_size: undefined }),
      file: (_req, res) => {
        res.writeHead(200, { "content-type": "image/png" });
        const timer = setInterval(() => {
          if (res.destroyed || written >= 10 * 1024 * 1024) {
            clearInterval(timer);
            res.end();
            return;
          }
          written += big.length;
          res.write(big);
        }, 1);
      },
    });
    expect(await client.downloadMedia(MEDIA_ID, { maxBytes: 100 * 1024 })).toEqual({ status: "too-large", bytes: undefined });
    expect(written).toBeLessThan(10 * 1024 * 1024);
  });

  it("refuses a body whose Content-Length is over the limit before reading it", async () => {
    const bytes = Buffer.alloc(4096, 2);
    const { client } = await graph({ metadata: (base) => describeFile(base, bytes, { file_size: 10 }), file: (_req, res) => res.writeHead(200, { "content-length": String(bytes.length) }).end(bytes) });
    expect(await client.downloadMedia(MEDIA_ID, { maxBytes: 1024 })).toEqual({ status: "too-large", bytes: 10 });
  });

  it("retries a failed or corrupted transfer with a fresh URL each time", async () => {
    const bytes = Buffer.from("%PDF-1.4 the real document");
    let fileCalls = 0;
    const { client, log } = await graph({
      metadata: (base, call) => (call === 1 ? { status: 500, body: { error: { message: "(#1) An unknown error occurred", code: 1 } } } : describeFile(base, bytes, { mime_type: "application/pdf" })),
      file: (_req, res) => {
        fileCalls += 1;
        // The first transfer is cut short; the hash gives it away.
        res.end(fileCalls === 1 ? bytes.subarray(0, 10) : bytes);
      },
    });
    expect(await client.downloadMedia(MEDIA_ID, { maxBytes: 1024 })).toEqual({ status: "downloaded", bytes: new Uint8Array(bytes), mimeType: "application/pdf" });
    expect(log.filter((entry) => entry.path === `/v23.0/${MEDIA_ID}`)).toHaveLength(3);
    expect(fileCalls).toBe(2);
  });

  it("throws Meta's error without retrying when retrying cannot help, and gives up after 4 attempts on a transient one", async () => {
    const refused = await graph({ metadata: () => ({ status: 400, body: { error: { message: "(#131052) Media download error", code: 131052 } } }), file: (_req, res) => res.end() });
    const error = await refused.client.downloadMedia(MEDIA_ID, { maxBytes: 1024 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error).toMatchObject({ httpStatus: 400, code: 131052, outcome: "rejected" });
    expect(refused.log).toHaveLength(1);

    const down = await graph({ metadata: () => ({ status: 503, body: { error: { message: "(#2) Service temporarily unavailable", code: 2 } } }), file: (_req, res) => res.end() });
    await expect(down.client.downloadMedia(MEDIA_ID, { maxBytes: 1024 })).rejects.toMatchObject({ outcome: "transient", retryable: true });
    expect(down.log).toHaveLength(4);
  });

  it("refuses an id that is not a media id before calling Meta", async () => {
    const { client, log } = await graph({ metadata: () => ({ status: 200, body: {} }), file: (_req, res) => res.end() });
    await expect(client.downloadMedia("../1/messages", { maxBytes: 1024 })).rejects.toMatchObject({ outcome: "rejected" });
    expect(log).toHaveLength(0);
  });
});
