/**
 * The WhatsApp Cloud API sandbox (dev/whatsapp) on ephemeral ports, against a tiny webhook receiver
 * that checks every signature itself: the Graph API's auth, validation and error shapes, status
 * webhooks and the 24-hour window, media, inbound payloads, retries, faults and the simulator.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startWhatsAppSandbox, type InboundSpec, type WhatsAppSandbox, type WhatsAppSandboxOptions } from "@/dev/whatsapp/server";

const TOKEN = "wa-test-token";
const SECRET = "wa-test-app-secret-0123456789";
const PHONE_ID = "100000000000001";
const USER = "27821234567";
const STRANGER = "27829999999";

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

interface Received {
  body: string;
  signature: string | undefined;
  signatureValid: boolean;
  json: unknown;
  at: number;
}

/** A webhook endpoint that answers with `script` statuses in turn (then 200) and records everything. */
async function receiver(script: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const header = req.headers["x-hub-signature-256"];
      const signature = typeof header === "string" ? header : undefined;
      const expected = Buffer.from(`sha256=${createHmac("sha256", SECRET).update(raw).digest("hex")}`);
      const signatureValid = signature !== undefined && signature.length === expected.length && timingSafeEqual(Buffer.from(signature), expected);
      const body = raw.toString("utf8");
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        // postWebhook may send anything.
      }
      received.push({ body, signature, signatureValid, json, at: performance.now() });
      const status = script.shift() ?? 200;
      res.writeHead(status, { "Content-Type": "text/plain" }).end(status === 200 ? "EVENT_RECEIVED" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const handle = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/whatsapp/webhook`,
    received,
    statuses: () => received.flatMap((item) => statusesOf(item.json)),
    async waitFor(predicate: (items: Received[]) => boolean, timeoutMs = 3_000) {
      const deadline = performance.now() + timeoutMs;
      while (!predicate(received)) {
        if (performance.now() > deadline) throw new Error(`webhook receiver: condition not met; got ${received.length} bodies`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  open.push(handle);
  return handle;
}

const statusSchema = z.object({
  id: z.string(),
  status: z.enum(["sent", "delivered", "read", "failed"]),
  timestamp: z.string().regex(/^\d+$/),
  recipient_id: z.string(),
  conversation: z.object({ id: z.string(), origin: z.object({ type: z.string() }) }).optional(),
  pricing: z.object({ billable: z.boolean(), pricing_model: z.literal("PMP"), category: z.string() }).optional(),
  errors: z.array(z.object({ code: z.number(), title: z.string(), message: z.string(), error_data: z.object({ details: z.string() }), href: z.string().url() })).optional(),
});
const envelopeSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(z.object({ field: z.literal("messages"), value: z.object({ statuses: z.array(statusSchema).optional() }).loose() })),
    }),
  ),
});

function statusesOf(json: unknown) {
  const parsed = envelopeSchema.safeParse(json);
  return parsed.success ? parsed.data.entry.flatMap((entry) => entry.changes.flatMap((change) => change.value.statuses ?? [])) : [];
}

async function sandbox(options: Partial<WhatsAppSandboxOptions> = {}): Promise<WhatsAppSandbox> {
  const started = await startWhatsAppSandbox({ port: 0, accessToken: TOKEN, appSecret: SECRET, phoneNumberId: PHONE_ID, statusDelayMs: 5, logLevel: "silent", ...options });
  open.push(started);
  return started;
}

async function setup(options: Partial<WhatsAppSandboxOptions> = {}, script: number[] = []) {
  const hook = await receiver(script);
  const wa = await sandbox({ webhookUrl: hook.url, ...options });
  return { hook, wa };
}

async function call(wa: WhatsAppSandbox, path: string, init: { method?: string; body?: unknown; token?: string | null; form?: FormData } = {}) {
  const headers: Record<string, string> = {};
  if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? TOKEN}`;
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${wa.graphUrl}${path}`, {
    method: init.method ?? (init.body !== undefined || init.form ? "POST" : "GET"),
    headers,
    body: init.form ?? (init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body)),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as unknown };
}

const send = (wa: WhatsAppSandbox, body: unknown) => call(wa, `/${PHONE_ID}/messages`, { body });
const text = (to: string, body = "Hello from TenantLens") => ({ messaging_product: "whatsapp", recipient_type: "individual", to, type: "text", text: { body } });
const template = (to: string, parameters: string[] = ["Your report is ready"], name = "tenantlens_update", code = "en") => ({
  messaging_product: "whatsapp",
  to,
  type: "template",
  template: { name, language: { code }, components: [{ type: "body", parameters: parameters.map((value) => ({ type: "text", text: value })) }] },
});
const buttons = (list: Array<{ id: string; title: string }>) => ({
  messaging_product: "whatsapp",
  to: USER,
  type: "interactive",
  interactive: { type: "button", body: { text: "Pick one" }, action: { buttons: list.map((reply) => ({ type: "reply", reply })) } },
});
const list = (sections: unknown[]) => ({
  messaging_product: "whatsapp",
  to: USER,
  type: "interactive",
  interactive: { type: "list", body: { text: "Choose" }, action: { button: "Options", sections } },
});
const rows = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => ({ id: `${prefix}-${index}`, title: `Row ${index}` }));

function metaError(code: number, details?: string) {
  return {
    error: {
      message: expect.stringMatching(new RegExp(`^\\(#${code}\\) `)) as unknown,
      type: "OAuthException",
      code,
      ...(details === undefined ? {} : { error_data: { messaging_product: "whatsapp", details: expect.stringContaining(details) as unknown } }),
      fbtrace_id: expect.any(String) as unknown,
    },
  };
}

describe("WhatsApp sandbox: Graph API auth and objects", () => {
  it.each([
    ["missing", null],
    ["wrong", "not-the-token"],
  ])("a %s bearer token is 401 / 190 in Meta's shape, and nothing is sent", async (_label, token) => {
    const { wa } = await setup();
    const response = await call(wa, `/${PHONE_ID}/messages`, { body: text(USER), token });
    expect(response.status).toBe(401);
    expect(response.json).toEqual({
      error: { message: "Invalid OAuth access token - Cannot parse access token", type: "OAuthException", code: 190, fbtrace_id: expect.any(String) as unknown },
    });
    expect(wa.outbound()).toEqual([]);
  });

  it("an unknown phone number id is 400 / 100 / subcode 33 naming the id", async () => {
    const { wa } = await setup();
    const response = await call(wa, "/999999999999999/messages", { body: text(USER) });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: { code: 100, error_subcode: 33, type: "GraphMethodException", message: expect.stringContaining("Object with ID '999999999999999' does not exist") as unknown } });
  });

  it("GET on the phone number id describes the business number", async () => {
    const { wa } = await setup({ displayPhoneNumber: "27600000001" });
    expect((await call(wa, `/${PHONE_ID}`)).json).toMatchObject({ id: PHONE_ID, display_phone_number: "+27600000001", platform_type: "CLOUD_API" });
  });
});

describe("WhatsApp sandbox: send validation answers 400 in Meta's shape, naming the field", () => {
  const long = (length: number) => "x".repeat(length);
  it.each([
    ["no messaging_product", { to: USER, type: "text", text: { body: "hi" } }, 100, "Param messaging_product is required"],
    ["a messaging_product other than whatsapp", { ...text(USER), messaging_product: "sms" }, 100, "messaging_product"],
    ["a number that is too short", text("1234567"), 100, "Param to "],
    ["a number with letters", text("2782123456a"), 100, "Param to "],
    ["an unknown type", { ...text(USER), type: "sticker" }, 100, "Param type must be one of"],
    ["an empty text body", text(USER, ""), 100, "Param text['body'] must not be empty"],
    ["a text body over 4096 characters", text(USER, long(4097)), 100, "Param text['body'] must be at most 4096 characters"],
    ["four reply buttons", buttons(rows(4, "b")), 100, "Param interactive['action']['buttons'] must have at most 3 elements"],
    ["no reply buttons", buttons([]), 100, "Param interactive['action']['buttons'] must have at least 1 element"],
    ["a button title over 20 characters", buttons([{ id: "a", title: long(21) }]), 100, "Param interactive['action']['buttons'][0]['reply']['title'] must be at most 20 characters"],
    ["a button id over 256 characters", buttons([{ id: long(257), title: "ok" }]), 100, "interactive['action']['buttons'][0]['reply']['id'] must be at most 256"],
    ["duplicate button ids", buttons([{ id: "same", title: "One" }, { id: "same", title: "Two" }]), 131009, "Param interactive['action']['buttons'][1]['reply']['id'] is a duplicate"],
    ["duplicate button titles", buttons([{ id: "a", title: "Same" }, { id: "b", title: "Same" }]), 131009, "interactive['action']['buttons'][1]['reply']['title'] is a duplicate"],
    ["a header over 60 characters", { ...buttons([{ id: "a", title: "A" }]), interactive: { ...buttons([{ id: "a", title: "A" }]).interactive, header: { type: "text", text: long(61) } } }, 100, "interactive['header']['text'] must be at most 60"],
    ["11 list rows across sections", list([{ title: "One", rows: rows(6, "a") }, { title: "Two", rows: rows(5, "b") }]), 100, "Param interactive['action']['sections'] must have at most 10 rows in total"],
    ["an untitled section among several", list([{ rows: rows(1, "a") }, { title: "Two", rows: rows(1, "b") }]), 100, "Param interactive['action']['sections'][0]['title'] is required"],
    ["a list row title over 24 characters", list([{ rows: [{ id: "r", title: long(25) }] }]), 100, "interactive['action']['sections'][0]['rows'][0]['title'] must be at most 24"],
    ["a list row description over 72 characters", list([{ rows: [{ id: "r", title: "Row", description: long(73) }] }]), 100, "['rows'][0]['description'] must be at most 72"],
    ["duplicate row ids across sections", list([{ title: "One", rows: [{ id: "r", title: "A" }] }, { title: "Two", rows: [{ id: "r", title: "B" }] }]), 131009, "interactive['action']['sections'][1]['rows'][0]['id'] is a duplicate"],
    ["a list button label over 20 characters", { ...list([{ rows: rows(1, "a") }]), interactive: { type: "list", body: { text: "x" }, action: { button: long(21), sections: [{ rows: rows(1, "a") }] } } }, 100, "interactive['action']['button'] must be at most 20"],
    ["a document with an unknown media id", { messaging_product: "whatsapp", to: USER, type: "document", document: { id: "123456789012345" } }, 131009, "Param document['id'] is not a media id"],
    ["a document with both id and link", { messaging_product: "whatsapp", to: USER, type: "document", document: { id: "1", link: "https://example.com/a.pdf" } }, 100, "Param document must have exactly one of 'id' or 'link'"],
    ["a document caption over 1024 characters", { messaging_product: "whatsapp", to: USER, type: "document", document: { link: "https://example.com/a.pdf", caption: long(1025) } }, 100, "document['caption'] must be at most 1024"],
    ["a template with the wrong number of body parameters", template(USER, ["one", "two"]), 132000, "number of localizable_params (2) does not match the expected number of params (1)"],
    ["a template parameter with a new line", template(USER, ["line one\nline two"]), 132018, "template['components'][0]['parameters'][0]['text']"],
  ])("%s", async (_label, body, code, details) => {
    const { wa, hook } = await setup();
    const response = await send(wa, body);
    expect(response.status).toBe(400);
    expect(response.json).toEqual(metaError(code, details));
    expect(wa.outbound()).toEqual([]);
    expect(hook.received).toEqual([]);
  });

  it.each([
    ["an unknown template name", template(USER, ["x"], "no_such_template")],
    ["a known template in a language it is not approved in", template(USER, ["x"], "tenantlens_update", "af")],
  ])("%s is 132001 with HTTP 404, as Meta documents it", async (_label, body) => {
    const { wa } = await setup();
    const response = await send(wa, body);
    expect(response.status).toBe(404);
    expect(response.json).toEqual(metaError(132001, `template name (${body.template.name}) does not exist in ${body.template.language.code}`));
  });

  it("a body that is not JSON is 100", async () => {
    const { wa } = await setup();
    const response = await send(wa, "{not json");
    expect(response).toMatchObject({ status: 400, json: metaError(100, "not valid JSON") });
  });
});

describe("WhatsApp sandbox: sending and status webhooks", () => {
  it("a text to a number that wrote recently gets a wamid, then signed sent -> delivered -> read statuses", async () => {
    const { wa, hook } = await setup();
    await wa.sendInbound(USER, { type: "text", text: "hi" });
    const response = await send(wa, { ...text(`+${USER}`), context: { message_id: "wamid.previous" } });
    expect(response.status).toBe(200);
    const wamid = z.object({ messages: z.tuple([z.object({ id: z.string() })]) }).parse(response.json).messages[0].id;
    expect(wamid).toMatch(/^wamid\.[A-Za-z0-9_-]{16,}$/);
    expect(response.json).toEqual({ messaging_product: "whatsapp", contacts: [{ input: `+${USER}`, wa_id: USER }], messages: [{ id: wamid }] });

    await hook.waitFor(() => hook.statuses().length === 3);
    const statuses = hook.statuses();
    expect(statuses.map((status) => status.status)).toEqual(["sent", "delivered", "read"]);
    for (const status of statuses) expect(status).toMatchObject({ id: wamid, recipient_id: USER });
    expect(statuses[0]).toMatchObject({ conversation: { origin: { type: "service" } }, pricing: { pricing_model: "PMP", category: "service", billable: false } });
    expect(statuses[0]?.errors).toBeUndefined();
    for (const item of hook.received.slice(1)) {
      expect(item.signatureValid).toBe(true);
      // A status webhook carries only statuses, never contacts or messages.
      expect(item.json).toMatchObject({ entry: [{ id: expect.any(String) as unknown, changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "27600000000", phone_number_id: PHONE_ID } } }] }] });
      expect(item.body).not.toContain('"contacts"');
      expect(item.body).not.toContain('"messages":[');
    }
    const [record] = wa.outbound(USER);
    expect(record).toMatchObject({ wamid, to: USER, type: "text", text: "Hello from TenantLens", status: "read", contextWamid: "wamid.previous", body: { to: `+${USER}` } });
    expect(record?.statusHistory.map((entry) => entry.status)).toEqual(["accepted", "sent", "delivered", "read"]);
  });

  it("with autoRead off, a message stops at delivered", async () => {
    const { wa, hook } = await setup({ autoRead: false });
    await wa.sendInbound(USER, { type: "text", text: "hi" });
    await send(wa, text(USER));
    await hook.waitFor(() => hook.statuses().length === 2);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(hook.statuses().map((status) => status.status)).toEqual(["sent", "delivered"]);
    expect(wa.outbound()[0]?.status).toBe("delivered");
  });

  it("records interactive buttons and list rows for tests to tap", async () => {
    const { wa } = await setup();
    await send(wa, buttons([{ id: "yes", title: "Yes" }, { id: "no", title: "No" }]));
    await send(wa, list([{ title: "Reports", rows: [{ id: "r1", title: "Latest", description: "The newest report" }] }, { title: "Help", rows: [{ id: "h1", title: "Talk to us" }] }]));
    const [reply, menu] = wa.outbound(USER);
    expect(reply).toMatchObject({ type: "interactive", text: "Pick one", buttons: [{ id: "yes", title: "Yes" }, { id: "no", title: "No" }] });
    expect(menu).toMatchObject({ listButton: "Options", buttons: [{ id: "r1", title: "Latest", description: "The newest report" }, { id: "h1", title: "Talk to us" }] });
  });

  it("a text to a number that never wrote is accepted, then fails with 131047; a template to it is delivered", async () => {
    const { wa, hook } = await setup();
    const refused = await send(wa, text(STRANGER));
    expect(refused.status).toBe(200);
    const accepted = await send(wa, template(STRANGER));
    expect(accepted.json).toMatchObject({ messages: [{ id: expect.any(String) as unknown, message_status: "accepted" }] });
    await hook.waitFor(() => hook.statuses().length === 4);
    const [textRecord, templateRecord] = wa.outbound(STRANGER);
    const forText = hook.statuses().filter((status) => status.id === textRecord?.wamid);
    expect(forText).toEqual([
      expect.objectContaining({
        status: "failed",
        errors: [
          {
            code: 131047,
            title: "Re-engagement message",
            message: "Re-engagement message",
            error_data: { details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
            href: expect.any(String) as unknown,
          },
        ],
      }),
    ]);
    expect(forText[0]?.conversation).toBeUndefined();
    expect(textRecord).toMatchObject({ status: "failed", error: { code: 131047, title: "Re-engagement message" } });
    expect(hook.statuses().filter((status) => status.id === templateRecord?.wamid).map((status) => status.status)).toEqual(["sent", "delivered", "read"]);
    expect(templateRecord).toMatchObject({ type: "template", text: "tenantlens_update: Your report is ready", template: { name: "tenantlens_update", language: "en", parameters: ["Your report is ready"] } });
  });

  it("the window closes 24 h after the user's last message and reopens when they write again", async () => {
    let now = Date.parse("2026-03-01T08:00:00Z");
    const { wa, hook } = await setup({ now: () => now });
    await wa.sendInbound(USER, { type: "text", text: "hi" });
    now += 24 * 60 * 60 * 1000;
    await send(wa, text(USER, "just inside"));
    now += 1;
    await send(wa, text(USER, "just outside"));
    await wa.sendInbound(USER, { type: "text", text: "back again" });
    await send(wa, text(USER, "reopened"));
    await hook.waitFor(() => wa.outbound().every((record) => record.status === "read" || record.status === "failed"));
    expect(wa.outbound(USER).map((record) => [record.text, record.status])).toEqual([
      ["just inside", "read"],
      ["just outside", "failed"],
      ["reopened", "read"],
    ]);
  });

  it("waitForOutbound resolves on a match and otherwise rejects listing what was sent", async () => {
    const { wa } = await setup();
    await wa.sendInbound(USER, { type: "text", text: "hi" });
    const waiting = wa.waitForOutbound((message) => message.text.includes("later"), 1_000);
    await send(wa, text(USER, "sent later"));
    await expect(waiting).resolves.toMatchObject({ text: "sent later" });
    await expect(wa.waitForOutbound((message) => message.type === "document", 50)).rejects.toThrow(/no outbound WhatsApp message matched within 50 ms; sent so far \(1\):\n {2}text to 27821234567 \[\w+\]: "sent later"/);
  });

  it("marking an inbound message read answers success; an unknown message id is 131009", async () => {
    const { wa } = await setup();
    const { wamid } = await wa.sendInbound(USER, { type: "text", text: "hi" });
    expect(await send(wa, { messaging_product: "whatsapp", status: "read", message_id: wamid, typing_indicator: { type: "text" } })).toMatchObject({ status: 200, json: { success: true } });
    expect(await send(wa, { messaging_product: "whatsapp", status: "read", message_id: "wamid.unknown" })).toMatchObject({ status: 400, json: metaError(131009, "message_id") });
  });
});

describe("WhatsApp sandbox: media", () => {
  const pdf = Buffer.from("%PDF-1.4\n% TenantLens test report\n%%EOF\n");

  function upload(bytes: Buffer, type: string, filename: string) {
    const form = new FormData();
    form.append("messaging_product", "whatsapp");
    form.append("type", type);
    form.append("file", new Blob([new Uint8Array(bytes)], { type }), filename);
    return form;
  }

  it("uploads a PDF, describes it, serves the same bytes with the token, and sends it as a document", async () => {
    const { wa } = await setup();
    const uploaded = await call(wa, `/${PHONE_ID}/media`, { form: upload(pdf, "application/pdf", "report.pdf") });
    expect(uploaded.status).toBe(200);
    const id = z.object({ id: z.string().regex(/^\d{10,20}$/) }).parse(uploaded.json).id;

    const sha256 = createHash("sha256").update(pdf).digest("hex");
    const metadata = await call(wa, `/${id}`);
    expect(metadata.json).toEqual({ messaging_product: "whatsapp", url: `${wa.url}/media-download/${id}`, mime_type: "application/pdf", sha256, file_size: pdf.length, id });

    const download = await fetch(`${wa.url}/media-download/${id}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await fetch(`${wa.url}/media-download/${id}`)).status).toBe(401);
    expect(wa.media(id)).toMatchObject({ mimeType: "application/pdf", filename: "report.pdf", sha256 });

    const sent = await send(wa, { messaging_product: "whatsapp", to: USER, type: "document", document: { id, filename: "Screening report.pdf", caption: "Your report" } });
    expect(sent.status).toBe(200);
    expect(wa.outbound(USER)[0]).toMatchObject({ type: "document", mediaId: id, filename: "Screening report.pdf", text: "Your report" });
  });

  it.each([
    ["an unsupported type", Buffer.from("plain"), "text/plain", "Unsupported file type text/plain"],
    ["an image over 5 MB", Buffer.alloc(5 * 1024 * 1024 + 1), "image/png", "may be at most 5242880 bytes"],
  ])("%s is 131053 Media upload error", async (_label, bytes, type, details) => {
    const { wa } = await setup();
    const response = await call(wa, `/${PHONE_ID}/media`, { form: upload(bytes, type, "file") });
    expect(response).toMatchObject({ status: 400, json: metaError(131053, details) });
  });

  it("an unknown media id is 400 / 100 / 33", async () => {
    const { wa } = await setup();
    expect(await call(wa, "/123456789012345")).toMatchObject({ status: 400, json: { error: { code: 100, error_subcode: 33 } } });
  });
});

describe("WhatsApp sandbox: inbound webhooks", () => {
  const cases: Array<[string, InboundSpec, Record<string, unknown>]> = [
    ["text", { type: "text", text: "Hi there" }, { type: "text", text: { body: "Hi there" } }],
    ["button_reply", { type: "button_reply", id: "approve", title: "Approve" }, { type: "interactive", interactive: { type: "button_reply", button_reply: { id: "approve", title: "Approve" } } }],
    ["list_reply", { type: "list_reply", id: "r1", title: "Latest", description: "Newest" }, { type: "interactive", interactive: { type: "list_reply", list_reply: { id: "r1", title: "Latest", description: "Newest" } } }],
    ["button", { type: "button", payload: "STOP", text: "Stop updates" }, { type: "button", button: { payload: "STOP", text: "Stop updates" } }],
    ["image", { type: "image", caption: "My ID" }, { type: "image", image: { caption: "My ID", mime_type: "image/jpeg", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, id: expect.stringMatching(/^\d+$/) as unknown } }],
    ["location", { type: "location", latitude: -33.92, longitude: 18.42 }, { type: "location", location: { latitude: -33.92, longitude: 18.42 } }],
    [
      "document with a caption",
      { type: "document", filename: "payslip.pdf", caption: "March payslip" },
      { type: "document", document: { caption: "March payslip", filename: "payslip.pdf", mime_type: "application/pdf", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, id: expect.stringMatching(/^\d+$/) as unknown } },
    ],
    ["audio (a voice note)", { type: "audio" }, { type: "audio", audio: { mime_type: "audio/ogg; codecs=opus", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, id: expect.stringMatching(/^\d+$/) as unknown, voice: true } }],
  ];

  it.each(cases)("%s arrives signed, in Meta's exact shape", async (_label, spec, fields) => {
    const { wa, hook } = await setup();
    const result = await wa.sendInbound(USER, spec, { profileName: "Thandi", contextWamid: "wamid.context" });
    expect(result).toMatchObject({ status: 200, attempts: 1 });
    expect(hook.received).toHaveLength(1);
    const [item] = hook.received;
    expect(item?.signatureValid).toBe(true);
    expect(item?.json).toEqual({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "200000000000001",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "27600000000", phone_number_id: PHONE_ID },
                contacts: [{ profile: { name: "Thandi" }, wa_id: USER }],
                messages: [{ from: USER, id: result.wamid, timestamp: expect.stringMatching(/^\d{10}$/) as unknown, context: { from: "27600000000", id: "wamid.context" }, ...fields }],
              },
            },
          ],
        },
      ],
    });
  });

  it("an inbound image's media can be fetched like any upload", async () => {
    const { wa, hook } = await setup();
    await wa.sendInbound(USER, { type: "image" });
    const id = z.object({ entry: z.tuple([z.object({ changes: z.tuple([z.object({ value: z.object({ messages: z.tuple([z.object({ image: z.object({ id: z.string() }) })]) }) })]) })]) }).parse(hook.received[0]?.json).entry[0].changes[0].value.messages[0].image.id;
    expect(wa.media(id)?.mimeType).toBe("image/jpeg");
    expect((await call(wa, `/${id}`)).json).toMatchObject({ id, mime_type: "image/jpeg" });
  });

  it("an inbound file can carry chosen bytes and type: the webhook, GET /:mediaId and the download all describe them", async () => {
    const { wa, hook } = await setup();
    const bytes = Buffer.from("not really a PDF, just text");
    await wa.sendInbound(USER, { type: "document", filename: "notes.pdf", file: { mimeType: "text/plain", base64: bytes.toString("base64") } });
    const document = z
      .object({ entry: z.tuple([z.object({ changes: z.tuple([z.object({ value: z.object({ messages: z.tuple([z.object({ document: z.object({ id: z.string(), mime_type: z.string(), sha256: z.string() }) })]) }) })]) })]) })
      .parse(hook.received[0]?.json).entry[0].changes[0].value.messages[0].document;
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(document).toMatchObject({ mime_type: "text/plain", sha256 });
    const metadata = await call(wa, `/${document.id}`);
    expect(metadata.json).toEqual({ messaging_product: "whatsapp", url: `${wa.url}/media-download/${document.id}`, mime_type: "text/plain", sha256, file_size: bytes.length, id: document.id });
    const download = await fetch(`${wa.url}/media-download/${document.id}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    // The simulator shows the message without the bytes.
    expect(JSON.stringify(await (await fetch(`${wa.url}/sim/api/conversation?number=${USER}`)).json())).not.toContain(bytes.toString("base64"));
  });

  it("sendInbound refuses chosen bytes over what WhatsApp lets a user send of that kind", async () => {
    const wa = await sandbox({ webhookUrl: "http://127.0.0.1:9/unused" });
    const base64 = Buffer.alloc(5 * 1024 * 1024 + 1).toString("base64");
    await expect(wa.sendInbound(USER, { type: "image", file: { mimeType: "image/png", base64 } })).rejects.toThrow(/at most 5242880 bytes/);
    await expect(wa.sendInbound(USER, { type: "audio", file: { mimeType: "audio/ogg", base64: "" } })).rejects.toThrow(/must not be empty/);
  });

  it("sendInbound refuses a malformed number and a missing webhook URL", async () => {
    const wa = await sandbox();
    await expect(wa.sendInbound("+27821234567", { type: "text", text: "hi" })).rejects.toThrow(/digits/);
    await expect(wa.sendInbound(USER, { type: "text", text: "hi" })).rejects.toThrow(/no webhook URL/);
  });

  it("postWebhook sends the body byte for byte, signed unless told otherwise", async () => {
    const { wa, hook } = await setup();
    const body = '{"object":"whatsapp_business_account","entry":[]}  ';
    expect(await wa.postWebhook(body)).toEqual({ status: 200, body: "EVENT_RECEIVED" });
    await wa.postWebhook(body, "sha256=deadbeef");
    await wa.postWebhook(body, null);
    expect(hook.received.map((item) => [item.body, item.signature, item.signatureValid])).toEqual([
      [body, `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`, true],
      [body, "sha256=deadbeef", false],
      [body, undefined, false],
    ]);
  });

  it("retries a failed delivery with backoff until the app answers 2xx, recording each attempt", async () => {
    const { wa, hook } = await setup({}, [500, 503]);
    const result = await wa.sendInbound(USER, { type: "text", text: "retry me" });
    expect(result).toMatchObject({ status: 200, attempts: 3 });
    expect(new Set(hook.received.map((item) => item.body)).size).toBe(1);
    expect(hook.received.every((item) => item.signatureValid)).toBe(true);
    const [first, second, third] = hook.received.map((item) => item.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(90);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(390);
    expect(wa.deliveries().map((delivery) => [delivery.kind, delivery.status, delivery.attempt, delivery.url])).toEqual([
      ["message", 500, 1, hook.url],
      ["message", 503, 2, hook.url],
      ["message", 200, 3, hook.url],
    ]);
  });

  it("gives up after 3 retries, and an unreachable webhook counts as status 0", async () => {
    const { wa } = await setup({}, [500, 500, 500, 500]);
    expect(await wa.sendInbound(USER, { type: "text", text: "never" })).toMatchObject({ status: 500, attempts: 4 });
    wa.setWebhookUrl("http://127.0.0.1:1/api/whatsapp/webhook");
    await expect(wa.postWebhook("{}")).resolves.toEqual({ status: 0, body: "" });
  }, 10_000);

  it("redeliver sends the identical body again, for an inbound message or a status", async () => {
    const { wa, hook } = await setup();
    const { wamid } = await wa.sendInbound(USER, { type: "text", text: "once" });
    expect(await wa.redeliver(wamid)).toMatchObject({ status: 200 });
    expect(hook.received[1]?.body).toBe(hook.received[0]?.body);
    expect(hook.received[1]?.signatureValid).toBe(true);

    await send(wa, text(USER));
    await hook.waitFor(() => hook.statuses().length === 3);
    const outboundWamid = wa.outbound()[0]?.wamid ?? "";
    await wa.redeliver(`${outboundWamid}:delivered`);
    expect(hook.statuses().at(-1)).toMatchObject({ id: outboundWamid, status: "delivered" });
    await expect(wa.redeliver("wamid.never")).rejects.toThrow(/nothing to redeliver/);
  });
});

describe("WhatsApp sandbox: fault injection", () => {
  it("failNext answers 429 / 130429 with Retry-After, counts down, then recovers", async () => {
    const { wa } = await setup();
    await wa.sendInbound(USER, { type: "text", text: "hi" });
    wa.failNext(2, { httpStatus: 429, code: 130429, retryAfterSeconds: 7 });
    // A call with a bad token is refused before the fault and does not use it up.
    expect((await call(wa, `/${PHONE_ID}/messages`, { body: text(USER), token: "bad" })).status).toBe(401);
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await send(wa, { not: "even valid" });
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("7");
      expect(response.json).toEqual(metaError(130429, "throughput"));
      expect(response.json).toMatchObject({ error: { message: "(#130429) Rate limit hit" } });
    }
    expect((await send(wa, text(USER))).status).toBe(200);
    expect(wa.outbound()).toHaveLength(1);
  });

  it("faults queue in order and apply to media calls too", async () => {
    const { wa } = await setup();
    wa.failNext(1, { httpStatus: 500, code: 131000 });
    wa.failNext(1, { httpStatus: 429, code: 131056, message: "custom pair limit" });
    const first = await call(wa, `/${PHONE_ID}/media`, { form: new FormData() });
    expect(first).toMatchObject({ status: 500, json: { error: { code: 131000, message: "(#131000) Something went wrong" } } });
    expect(first.headers.get("retry-after")).toBeNull();
    expect(await send(wa, text(USER))).toMatchObject({ status: 429, json: { error: { code: 131056, message: "(#131056) custom pair limit" } } });
    expect((await send(wa, text(USER))).status).toBe(200);
  });
});

describe("WhatsApp sandbox: simulator", () => {
  it("GET / is a self-contained HTML page with a nonce CSP", async () => {
    const { wa } = await setup();
    const response = await fetch(`${wa.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await response.text();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toContain("innerHTML");
  });

  it("/sim/api/send delivers an inbound webhook, and the conversation shows both sides", async () => {
    const { wa, hook } = await setup();
    const sendResponse = await fetch(`${wa.url}/sim/api/send`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: USER, profileName: "Sipho", message: { type: "text", text: "hello bot" } }),
    });
    expect(sendResponse.status).toBe(200);
    const { wamid } = z.object({ wamid: z.string(), status: z.literal(200) }).parse(await sendResponse.json());
    expect(hook.received[0]?.signatureValid).toBe(true);
    expect(hook.received[0]?.json).toMatchObject({ entry: [{ changes: [{ value: { contacts: [{ profile: { name: "Sipho" } }], messages: [{ id: wamid, text: { body: "hello bot" } }] } }] }] });

    const uploaded = await call(wa, `/${PHONE_ID}/media`, {
      form: (() => {
        const form = new FormData();
        form.append("messaging_product", "whatsapp");
        form.append("file", new Blob([new Uint8Array(Buffer.from("%PDF-1.4 sim"))], { type: "application/pdf" }), "r.pdf");
        return form;
      })(),
    });
    const mediaId = z.object({ id: z.string() }).parse(uploaded.json).id;
    await send(wa, { messaging_product: "whatsapp", to: USER, type: "document", document: { id: mediaId } });
    await send(wa, template(USER, ["Screening done"]));

    const conversation = z
      .object({ windowOpen: z.boolean(), profileName: z.string(), items: z.array(z.object({ direction: z.enum(["in", "out"]), text: z.string(), display: z.string().nullable().optional(), mediaId: z.string().nullable() })) })
      .parse(await (await fetch(`${wa.url}/sim/api/conversation?number=${USER}`)).json());
    expect(conversation).toMatchObject({ windowOpen: true, profileName: "Sipho" });
    expect(conversation.items.map((item) => item.direction)).toEqual(["in", "out", "out"]);
    expect(conversation.items[2]?.display).toBe("TenantLens update: Screening done");
    const pdf = await fetch(`${wa.url}/sim/media/${mediaId}`);
    expect(pdf.status).toBe(200);
    expect(await pdf.text()).toBe("%PDF-1.4 sim");
  });

  it("/sim/api/send rejects a bad body and needs a webhook URL", async () => {
    const wa = await sandbox();
    const post = (body: unknown) => fetch(`${wa.url}/sim/api/send`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post({ from: "123", message: { type: "text", text: "x" } })).status).toBe(400);
    expect((await post({ from: USER, message: { type: "video" } })).status).toBe(400);
    expect((await post({ from: USER, message: { type: "text", text: "x" } })).status).toBe(409);
  });

  it("with autoRead off, opening the chat in the simulator marks delivered messages read", async () => {
    const { wa, hook } = await setup({ autoRead: false });
    await wa.sendInbound(USER, { type: "text", text: "hi" });
    await send(wa, text(USER));
    await hook.waitFor(() => hook.statuses().length === 2);
    await fetch(`${wa.url}/sim/api/read`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ number: USER }) });
    await hook.waitFor(() => hook.statuses().length === 3);
    expect(hook.statuses().map((status) => status.status)).toEqual(["sent", "delivered", "read"]);
  });
});
