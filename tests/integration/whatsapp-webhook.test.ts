/**
 * The WhatsApp webhook as Meta (here the Cloud API sandbox) calls it: subscription verification,
 * signatures checked on the exact bytes, replays and out-of-order statuses, and the limits.
 */
import { request as httpRequest } from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signatureFor, type InboundSpec } from "@/dev/whatsapp/server";
import { inboundPayload, statusPayload, type BusinessNumber, type StatusEvent } from "@/dev/whatsapp/webhook-payloads";
import type * as SendMessage from "@/lib/whatsapp/send-message";
import type * as Contacts from "@/lib/whatsapp/contacts";
import type { GraphClient } from "@/lib/whatsapp/graph-client";
import { startWhatsAppHarness, type WhatsAppHarness } from "../helpers/whatsapp-harness";

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

describe("WhatsApp webhook", () => {
  let h: WhatsAppHarness;
  let business: BusinessNumber;
  let send: typeof SendMessage;
  let contacts: typeof Contacts;

  beforeAll(async () => {
    h = await startWhatsAppHarness();
    business = { businessAccountId: "200000000000001", phoneNumberId: h.whatsapp.phoneNumberId, displayPhoneNumber: h.whatsapp.displayNumber };
    send = await import("@/lib/whatsapp/send-message");
    contacts = await import("@/lib/whatsapp/contacts");
  });

  afterAll(async () => {
    await h.close();
  });

  let sequence = 0;
  /** A Meta-shaped "the user wrote" body with its own wamid. */
  function inbound(from: string, message: InboundSpec = { type: "text", text: "hello" }) {
    sequence += 1;
    const wamid = `wamid.webhook-test-${Date.now()}-${sequence}`;
    return { wamid, body: inboundPayload(business, { wamid, from, profileName: "Thandi", timestampSeconds: Math.floor(Date.now() / 1000), message }) };
  }

  const status = (event: Omit<StatusEvent, "recipientId" | "timestampSeconds"> & { at?: number }) =>
    statusPayload(business, { recipientId: "27820000000", timestampSeconds: Math.floor((event.at ?? Date.now()) / 1000), ...event });

  async function storedInbound(wamid: string) {
    return h.db.select().from(h.schema.whatsappMessages).where(eq(h.schema.whatsappMessages.wamid, wamid));
  }

  async function outboxSize() {
    return (await h.db.select({ id: h.schema.outbox.id }).from(h.schema.outbox)).length;
  }

  describe("subscription verification (GET)", () => {
    const verify = (params: Record<string, string>) => fetch(`${h.webhookUrl}?${new URLSearchParams(params).toString()}`);

    it("echoes hub.challenge when the verify token is ours", async () => {
      const response = await verify({ "hub.mode": "subscribe", "hub.verify_token": h.whatsapp.verifyToken, "hub.challenge": "1158201444" });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("1158201444");
    });

    /** Our token with its last character changed. */
    const nearMiss = (token: string) => `${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`;

    it.each([
      ["a wrong token", (token: string) => ({ "hub.mode": "subscribe", "hub.verify_token": `not-${token}`, "hub.challenge": "1158201444" })],
      ["our token with one character changed", (token: string) => ({ "hub.mode": "subscribe", "hub.verify_token": nearMiss(token), "hub.challenge": "1158201444" })],
      ["our token with a wrong mode", (token: string) => ({ "hub.mode": "unsubscribe", "hub.verify_token": token, "hub.challenge": "1158201444" })],
      ["no token", () => ({ "hub.mode": "subscribe", "hub.challenge": "1158201444" })],
      ["no parameters", () => ({})],
    ])("refuses %s with 403 and does not echo the challenge", async (_label, params: (token: string) => Record<string, string>) => {
      const response = await verify(params(h.whatsapp.verifyToken));
      expect(response.status).toBe(403);
      const text = await response.text();
      expect(text).not.toContain("1158201444");
      expect((JSON.parse(text) as ErrorBody).error.code).toBe("WEBHOOK_VERIFICATION_FAILED");
    });
  });

  describe("signatures (POST)", () => {
    it("accepts a correctly signed delivery, stores the message sealed and answers the person", async () => {
      const number = h.freshNumber();
      const { wamid, body } = inbound(number, { type: "text", text: "Molo, is this TenantLens?" });
      const response = await h.wa.postWebhook(body);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ received: 1, duplicates: 0 });
      const [row] = await storedInbound(wamid);
      expect(row).toMatchObject({ direction: "in", status: "received", kind: "text" });
      expect(row?.bodyEncrypted).not.toContain("Molo");
      expect(await h.openBody(row?.bodyEncrypted ?? "")).toEqual({ direction: "in", content: { type: "text", text: "Molo, is this TenantLens?" } });
      const reply = await h.chat(number).next();
      expect(reply.text).toMatch(/^Welcome to TenantLens/);
    });

    it.each([
      ["no signature header", null],
      ["an empty header", ""],
      ["a signature made with another secret", "other"],
      ["the right HMAC under sha1=", "sha1"],
      ["a truncated HMAC", "truncated"],
      ["non-hex characters", "sha256=" + "z".repeat(64)],
      ["the bare hex without the sha256= prefix", "bare"],
      ["the signature of a different body", "different"],
    ])("refuses %s with 401 and stores nothing", async (_label, kind: string | null) => {
      const number = h.freshNumber();
      const { wamid, body } = inbound(number);
      const right = signatureFor(h.whatsapp.appSecret, body);
      const signature =
        kind === "other"
          ? signatureFor("someone-elses-app-secret-0000", body)
          : kind === "sha1"
            ? right.replace("sha256=", "sha1=")
            : kind === "truncated"
              ? right.slice(0, -2)
              : kind === "bare"
                ? right.slice("sha256=".length)
                : kind === "different"
                  ? signatureFor(h.whatsapp.appSecret, inbound(number).body)
                  : kind;
      await h.settle();
      const outboxBefore = await outboxSize();
      const response = await h.wa.postWebhook(body, signature);
      expect(response.status).toBe(401);
      expect((JSON.parse(response.body) as ErrorBody).error.code).toBe("INVALID_SIGNATURE");
      expect(await storedInbound(wamid)).toHaveLength(0);
      expect(await h.contact(number)).toBeUndefined();
      expect(await outboxSize()).toBe(outboxBefore);
    });

    it("accepts a body with emoji signed over its raw UTF-8 bytes, keeping the text exactly", async () => {
      const number = h.freshNumber();
      const text = "Dankie 🙏🏽 — ek soek ’n woonstel in Gqeberha 🏠";
      const { wamid, body } = inbound(number, { type: "text", text });
      expect(Buffer.byteLength(body, "utf8")).toBeGreaterThan(body.length);
      const response = await h.wa.postWebhook(body, signatureFor(h.whatsapp.appSecret, body));
      expect(response.status).toBe(200);
      const [row] = await storedInbound(wamid);
      expect(await h.openBody(row?.bodyEncrypted ?? "")).toEqual({ direction: "in", content: { type: "text", text } });
    });

    it("refuses the same payload re-serialised under the original signature (spacing, unicode escapes, key order)", async () => {
      const number = h.freshNumber();
      const { wamid, body } = inbound(number, { type: "text", text: "Sawubona 👋🏾 ngicela usizo" });
      const signature = signatureFor(h.whatsapp.appSecret, body);
      const parsed: unknown = JSON.parse(body);
      const variants = [
        JSON.stringify(parsed, null, 2),
        JSON.stringify(parsed).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`),
        `${body}\n`,
        JSON.stringify(JSON.parse(body, (_key, value: unknown) => (value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value))),
      ];
      for (const variant of variants) {
        expect(variant).not.toBe(body);
        expect(JSON.parse(variant)).toEqual(parsed);
        const response = await h.wa.postWebhook(variant, signature);
        expect(response.status).toBe(401);
      }
      expect(await storedInbound(wamid)).toHaveLength(0);
      // The original bytes still pass.
      expect((await h.wa.postWebhook(body, signature)).status).toBe(200);
      expect(await storedInbound(wamid)).toHaveLength(1);
    });
  });

  describe("what a delivery contains", () => {
    it("stores and answers every message of a batched delivery", async () => {
      const first = inbound(h.freshNumber(), { type: "text", text: "one" });
      const second = inbound(h.freshNumber(), { type: "text", text: "two" });
      const entries = [first.body, second.body].flatMap((body) => (JSON.parse(body) as { entry: unknown[] }).entry);
      const response = await h.wa.postWebhook(JSON.stringify({ object: "whatsapp_business_account", entry: entries }));
      expect(JSON.parse(response.body)).toEqual({ received: 2, duplicates: 0 });
      expect(await storedInbound(first.wamid)).toHaveLength(1);
      expect(await storedInbound(second.wamid)).toHaveLength(1);
    });

    it("ignores messages written to another business number of the account", async () => {
      const number = h.freshNumber();
      const wamid = `wamid.other-number-${crypto.randomUUID()}`;
      const body = inboundPayload({ ...business, phoneNumberId: "100000000000999" }, { wamid, from: number, profileName: "Sipho", timestampSeconds: Math.floor(Date.now() / 1000), message: { type: "text", text: "hi" } });
      const response = await h.wa.postWebhook(body);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ received: 0, duplicates: 0 });
      await h.settle();
      expect(await storedInbound(wamid)).toHaveLength(0);
      expect(h.wa.outbound(number)).toHaveLength(0);
    });
  });

  describe("replays and ordering", () => {
    it("handles a redelivered message once: one stored row, one reply", async () => {
      const chat = h.chat(h.freshNumber());
      const wamid = await chat.send("hi");
      await chat.next((message) => message.text.startsWith("Welcome to TenantLens"));
      await h.settle();
      const again = await h.wa.redeliver(wamid);
      expect(again.status).toBe(200);
      const delivery = h.wa.deliveries().findLast((record) => record.kind === "message" && record.body.includes(wamid));
      const third = await h.wa.postWebhook(delivery?.body ?? "");
      expect(JSON.parse(third.body)).toEqual({ received: 0, duplicates: 1 });
      await h.settle();
      expect(chat.received()).toHaveLength(1);
      expect(await storedInbound(wamid)).toHaveLength(1);
      const stored = await h.storedMessages(chat.number);
      expect(stored.filter((row) => row.direction === "out")).toHaveLength(1);
    });

    it("applies a redelivered status once", async () => {
      const chat = h.chat(h.freshNumber());
      await chat.send("hello");
      const reply = await chat.next();
      await h.settle();
      const [message] = await storedInbound(reply.wamid);
      expect(message?.status).toBe("read");
      const statusRuns = () => h.executor.runs().filter((run) => run.functionId.endsWith("handle-whatsapp-status")).length;
      const runsBefore = statusRuns();
      expect((await h.wa.redeliver(`${reply.wamid}:delivered`)).status).toBe(200);
      expect((await h.wa.redeliver(`${reply.wamid}:sent`)).status).toBe(200);
      await h.settle();
      expect(statusRuns()).toBe(runsBefore);
      const events = await h.db.select().from(h.schema.whatsappStatusEvents).where(eq(h.schema.whatsappStatusEvents.wamid, reply.wamid));
      expect(events.map((event) => event.status).sort()).toEqual(["delivered", "read", "sent"]);
      expect((await storedInbound(reply.wamid))[0]?.status).toBe("read");
    });

    /** An outbound message the app stored with a wamid whose statuses this test writes itself. */
    async function sentMessage(wamid = `wamid.ordering-${crypto.randomUUID()}`) {
      const contact = await contacts.findOrCreateContact(h.db, h.freshNumber());
      const client: GraphClient = {
        sendMessage: () => Promise.resolve({ wamid }),
        uploadMedia: () => Promise.reject(new Error("not used")),
        downloadMedia: () => Promise.reject(new Error("not used")),
      };
      const outcome = await send.sendWhatsAppMessage(h.db, contact, { type: "text", text: "Your check has started." }, { purpose: "reply", client });
      expect(outcome).toBe("accepted");
      return wamid;
    }

    async function post(body: string) {
      const response = await h.wa.postWebhook(body);
      expect(response.status).toBe(200);
      await h.settle();
    }

    const stored = async (wamid: string) => (await storedInbound(wamid))[0];

    it("keeps the most advanced status when delivered arrives before sent and read before delivered", async () => {
      const wamid = await sentMessage();
      const t = Date.now();
      await post(status({ wamid, status: "delivered", at: t + 2_000 }));
      expect((await stored(wamid))?.status).toBe("delivered");
      await post(status({ wamid, status: "sent", at: t + 1_000 }));
      expect((await stored(wamid))?.status).toBe("delivered");

      const second = await sentMessage();
      await post(status({ wamid: second, status: "read", at: t + 3_000 }));
      await post(status({ wamid: second, status: "delivered", at: t + 2_000 }));
      await post(status({ wamid: second, status: "sent", at: t + 1_000 }));
      const row = await stored(second);
      expect(row?.status).toBe("read");
      expect(row?.statusAt?.getTime()).toBe(Math.floor((t + 3_000) / 1000) * 1000);
    });

    it("applies statuses that arrived before the send was stored, once the wamid is known", async () => {
      const wamid = `wamid.early-${crypto.randomUUID()}`;
      await post(status({ wamid, status: "sent" }));
      await post(status({ wamid, status: "delivered" }));
      await sentMessage(wamid);
      expect((await stored(wamid))?.status).toBe("delivered");
    });

    it("records a failed status with Meta's error code", async () => {
      const wamid = await sentMessage();
      await post(status({ wamid, status: "sent" }));
      await post(status({ wamid, status: "failed", error: { code: 131026, title: "Message undeliverable", details: "Message could not be delivered" } }));
      const row = await stored(wamid);
      expect(row?.status).toBe("failed");
      expect(row?.errorCode).toBe(131026);
    });
  });

  describe("limits and malformed bodies", () => {
    it("refuses a body over 1 MiB with 413, with or without a Content-Length", async () => {
      const number = h.freshNumber();
      const { wamid, body } = inbound(number, { type: "text", text: "x" });
      const padded = body.replace('"x"', JSON.stringify("x".repeat(1024 * 1024)));
      const response = await h.wa.postWebhook(padded);
      expect(response.status).toBe(413);
      expect((JSON.parse(response.body) as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");

      // Chunked: no Content-Length to go by, so the size is checked on the bytes read.
      const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest(h.webhookUrl, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": signatureFor(h.whatsapp.appSecret, padded) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        });
        request.on("error", reject);
        for (let offset = 0; offset < padded.length; offset += 64 * 1024) request.write(padded.slice(offset, offset + 64 * 1024));
        request.end();
      });
      expect(chunked.status).toBe(413);
      expect((JSON.parse(chunked.body) as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(await storedInbound(wamid)).toHaveLength(0);
    });

    it("answers malformed JSON with a valid signature with 400 INVALID_JSON", async () => {
      const response = await h.wa.postWebhook('{"object":"whatsapp_business_account","entry":[');
      expect(response.status).toBe(400);
      const body = JSON.parse(response.body) as ErrorBody;
      expect(body.error.code).toBe("INVALID_JSON");
      expect(body.error.message).toMatch(/not valid JSON/);
    });

    it("answers JSON that is not a WhatsApp delivery with 400 naming the field", async () => {
      const response = await h.wa.postWebhook(JSON.stringify({ object: "page", entry: [] }));
      expect(response.status).toBe(400);
      const body = JSON.parse(response.body) as ErrorBody;
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.field).toBe("object");
    });
  });
});
