/**
 * The WhatsApp bot as people use it, driven through the Cloud API sandbox: they type and tap, the
 * app's webhook stores it, Inngest runs the handler, and the replies come back through the sandbox.
 * Checks started here run the real workflow (executor + TPN sandbox) and end as a summary and a PDF.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMERCIAL_SCENARIOS, CONSUMER_SCENARIOS } from "@/dev/tpn/scenarios";
import type { RecordedOutbound } from "@/dev/whatsapp/server";
import { inboundPayload, statusPayload } from "@/dev/whatsapp/webhook-payloads";
import type * as AppFixtures from "../helpers/app-fixtures";
import { freshSaIdNumber } from "../helpers/identity-numbers";
import type { RouteModule } from "../helpers/route-server";
import { startWhatsAppHarness, TEST_PIN, type Chat, type WhatsAppHarness } from "../helpers/whatsapp-harness";

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const HOUR = 60 * 60 * 1000;
const REPLY = {
  attested: "check:consent-attested",
  ask: "check:consent-ask",
  cancel: "check:cancel",
  newCheck: "menu:new-check",
  recent: "menu:recent",
  support: "menu:support",
  help: "menu:help",
} as const;

const isText = (pattern: RegExp) => (message: RecordedOutbound) => message.type === "text" && pattern.test(message.text);
const isTemplate = (name: string) => (message: RecordedOutbound) => message.type === "template" && message.template?.name === name;
const isDocument = (message: RecordedOutbound) => message.type === "document";
/** Everything the person could read in a message: the Graph API body as sent. */
const visible = (message: RecordedOutbound) => JSON.stringify(message.body);

describe("WhatsApp conversation", () => {
  let h: WhatsAppHarness;
  let routes: Record<"enquiries" | "link" | "linkConfirm" | "linkCode" | "settings" | "pin", RouteModule>;

  beforeAll(async () => {
    h = await startWhatsAppHarness();
    routes = {
      enquiries: await import("@/app/api/enquiries/route"),
      link: await import("@/app/api/account/whatsapp/link/route"),
      linkConfirm: await import("@/app/api/account/whatsapp/link/confirm/route"),
      linkCode: await import("@/app/api/account/whatsapp/link-code/route"),
      settings: await import("@/app/api/account/whatsapp/route"),
      pin: await import("@/app/api/account/whatsapp/pin/route"),
    };
  });

  afterAll(async () => {
    await h.close();
  });

  const business = () => ({ businessAccountId: "200000000000001", phoneNumberId: h.whatsapp.phoneNumberId, displayPhoneNumber: h.whatsapp.displayNumber });

  /** A new organisation's users: no checks, links, PINs or rate-limit history yet. */
  const freshUsers = async () => (await h.fixtures.createFixture(h.db)).users;

  async function linkedChat(user: AppFixtures.FixtureUser, options: { pin?: boolean; notifyWebEnquiries?: boolean } = {}) {
    const { number } = await h.linkTestNumber(user, { notifyWebEnquiries: options.notifyWebEnquiries });
    if (options.pin ?? true) expect((await h.setPin(user)).status).toBe(200);
    return h.chat(number);
  }

  /** The national form a person would type, e.g. 082 123 4567. */
  const typed = (number: string) => `0${number.slice(2, 4)} ${number.slice(4, 7)} ${number.slice(7)}`;

  async function latestEnquiry(user: AppFixtures.FixtureUser) {
    const [row] = await h.db.select().from(h.schema.enquiries).where(eq(h.schema.enquiries.requestedBy, user.id)).orderBy(desc(h.schema.enquiries.createdAt)).limit(1);
    if (!row) throw new Error("no enquiry");
    return row;
  }

  const reference = (enquiryId: string) => `TL-${enquiryId.slice(0, 8).toUpperCase()}`;

  /** CHECK ... -> "I have signed consent" -> PIN: the check starts. */
  async function runAttestedCheck(chat: Chat, command: string) {
    const choice = await chat.say(command);
    expect(choice.buttons.map((button) => button.id)).toEqual([REPLY.attested, REPLY.ask, REPLY.cancel]);
    await chat.tap(REPLY.attested);
    expect((await chat.next()).text).toMatch(/^Reply with your WhatsApp PIN/);
    const started = await chat.say(TEST_PIN);
    expect(started.text).toMatch(/^Check TL-[0-9A-F]{8} has started\. The result arrives here/);
    return started;
  }

  async function webEnquiry(user: AppFixtures.FixtureUser, idNumber = freshSaIdNumber()) {
    const response = await h.call(routes.enquiries, "POST", "/api/enquiries", {
      user,
      body: { subject: { type: "individual", idNumber }, consent: { method: "signed_form", obtainedAt: new Date().toISOString(), confirmed: true } },
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  }

  describe("an unlinked number", () => {
    it("gets the welcome whatever it asks, and cannot see checks or start one", async () => {
      const chat = h.chat(h.freshNumber());
      const enquiriesBefore = (await h.db.select({ id: h.schema.enquiries.id }).from(h.schema.enquiries)).length;
      for (const message of ["Hi", "STATUS", `CHECK ${CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber}`, "HELP"]) {
        const reply = await chat.say(message);
        expect(reply.text).toMatch(/^Welcome to TenantLens/);
        expect(reply.text).toContain("http://localhost:3000/sign-up");
        expect(reply.text).toContain(`LINK 123456 (to +${h.whatsapp.displayNumber})`);
        expect(visible(reply)).not.toContain(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber.slice(0, 9));
      }
      // A consent button from nowhere does not start anything either.
      await chat.send({ type: "button_reply", id: REPLY.attested, title: "Signed consent" });
      expect((await chat.next()).text).toMatch(/^Welcome to TenantLens/);
      await h.settle();
      expect(chat.unread()).toHaveLength(0);
      expect((await h.db.select({ id: h.schema.enquiries.id }).from(h.schema.enquiries)).length).toBe(enquiriesBefore);
      const contact = await h.contact(chat.number);
      const states = await h.db.select().from(h.schema.whatsappConversationStates).where(eq(h.schema.whatsappConversationStates.contactId, contact?.id ?? ""));
      expect(states).toHaveLength(0);
    });

    it("gets the polite text-and-buttons answer for a photo, a location or a document", async () => {
      const chat = h.chat(h.freshNumber());
      for (const message of [{ type: "image", caption: "my payslip" }, { type: "location", latitude: -33.92, longitude: 18.42 }, { type: "document", filename: "id.pdf" }] as const) {
        expect((await chat.say(message)).text).toBe("Sorry, I can read text and buttons only. Type MENU to see what I can do.");
      }
      const linked = await linkedChat((await freshUsers()).landlord, { pin: false });
      expect((await linked.say({ type: "image" })).text).toMatch(/^Sorry, I can read text and buttons only/);
    });
  });

  describe("commands of a linked user", () => {
    it("answers MENU, HELP, SUPPORT, STATUS and the menu's rows", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.manager, { pin: false });
      const firstName = users.manager.key;

      const menu = await chat.say("menu");
      expect(menu.type).toBe("interactive");
      expect(menu.text).toBe(`Hi ${firstName}. What would you like to do?`);
      expect(menu.buttons.map((row) => row.id)).toEqual([REPLY.newCheck, REPLY.recent, REPLY.support, REPLY.help]);
      expect((await chat.say("Hallo!")).text).toBe(menu.text);

      const help = await chat.say("HELP");
      expect(help.text).toMatch(/^You can type:/);
      expect(help.text).toContain("CHECK 2015/123456/07");
      expect(help.text).toContain("STOP / START");
      await chat.tap(REPLY.help);
      expect((await chat.next()).text).toBe(help.text);

      expect((await chat.say("STATUS")).text).toBe("You have no checks yet. Type CHECK and the applicant's SA ID number to start one.");
      await chat.tap(REPLY.recent);
      expect((await chat.next()).text).toMatch(/^You have no checks yet/);

      await chat.tap(REPLY.newCheck);
      const usage = await chat.next();
      expect(usage.text).toMatch(/^Send the applicant's SA ID number or the company's CIPC number after CHECK/);
      expect((await chat.say("check")).text).toBe(usage.text);

      // Anything else: the menu again.
      expect((await chat.say("what now?")).text).toBe(menu.text);

      // SUPPORT (typed or from the menu) is answered by the support side, and MENU always gets back.
      for (const ask of [() => chat.send("SUPPORT my report will not open"), () => chat.tap(REPLY.support)]) {
        await ask();
        const support = await chat.next();
        expect(support.text).toMatch(/support/i);
        expect(support.text).not.toBe(menu.text);
        expect((await chat.say("MENU")).text).toBe(menu.text);
      }
      await h.settle();
      expect(chat.unread()).toHaveLength(0);
    });

    it("refuses an invalid identity number with exactly the web form's message", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.landlord);
      const cases = [
        { type: "individual", value: "8001015009088", reason: /check digit/ },
        { type: "individual", value: "9402315009087", reason: /940231 is not a date/ },
        { type: "individual", value: "80010150090", reason: /13 digits; this has 11/ },
        // One digit short of an SA ID: still an SA ID to the person typing it, not a company number.
        { type: "individual", value: "850312512308", reason: /13 digits; this has 12/ },
        { type: "company", value: "2016/48291/07", reason: /YYYY\/NNNNNN\/NN/ },
        { type: "company", value: "2016/482913/99", reason: /99 is not a CIPC entity type/ },
      ] as const;
      for (const { type, value, reason } of cases) {
        const subject = type === "company" ? { type, registrationNumber: value } : { type, idNumber: value };
        const web = await h.call(routes.enquiries, "POST", "/api/enquiries", {
          user: users.manager,
          body: { subject, consent: { method: "signed_form", obtainedAt: new Date().toISOString(), confirmed: true } },
        });
        expect(web.status).toBe(422);
        const { message } = ((await web.json()) as ErrorBody).error;
        expect(message).toMatch(reason);
        const reply = await chat.say(`CHECK ${value}`);
        expect(reply.text).toBe(`${message}\nCheck the number and send CHECK again.`);
      }
      // Nothing is pending after a refusal: a number typed next is not taken as a PIN.
      expect((await chat.say(TEST_PIN)).type).toBe("interactive");
    });

    it("reads RENT and INCOME forgivingly and names a bad amount", async () => {
      const chat = await linkedChat((await freshUsers()).landlord);
      const id = CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber;
      expect((await chat.say(`CHECK ${id} RENT twelve`)).text).toBe("RENT must be an amount in rand, e.g. RENT 12500.");
      expect((await chat.say(`CHECK ${id} RENT 12500 INCOME lots`)).text).toBe("INCOME must be an amount in rand, e.g. INCOME 40000.");
      expect((await chat.say(`CHECK ${id} RENT 0`)).text).toBe("RENT must be an amount in rand, e.g. RENT 12500.");
      expect((await chat.say(`CHECK ${id} RENT 20 000 000`)).text).toBe("The monthly rent looks too large");
      const choice = await chat.say(`check 850312 5123 088 rent R12 500 income 40,000.50`);
      expect(choice.text).toMatch(/^Check •••••••••3088\. TPN may only be asked with the applicant's consent/);
      expect(visible(choice)).not.toContain(id);
      // CANCEL ends it; the old buttons no longer do anything.
      expect((await chat.say("CANCEL")).text).toBe("Cancelled. Nothing was sent to TPN.");
      await chat.tap(REPLY.attested);
      expect((await chat.next()).text).toBe("That check is no longer open. Send CHECK and the number again.");
      // So does the Cancel button.
      await chat.say(`CHECK ${id}`);
      await chat.tap(REPLY.cancel);
      expect((await chat.next()).text).toBe("Cancelled. Nothing was sent to TPN.");
    });

    it("does not answer an emoji reaction to one of its messages", async () => {
      const chat = await linkedChat((await freshUsers()).landlord, { pin: false });
      const menu = await chat.say("menu");
      await h.settle();
      // The sandbox has no reaction spec: this is Meta's reaction payload, signed like any delivery.
      const template = JSON.parse(inboundPayload(business(), { wamid: "x", from: chat.number, profileName: "Thandi", timestampSeconds: Math.floor(Date.now() / 1000), message: { type: "text", text: "x" } })) as {
        entry: Array<{ changes: Array<{ value: { messages: unknown[] } }> }>;
      };
      const value = template.entry[0]?.changes[0]?.value;
      if (!value) throw new Error("unexpected payload shape");
      const wamid = `wamid.reaction-${crypto.randomUUID()}`;
      value.messages = [{ from: chat.number, id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: "reaction", reaction: { message_id: menu.wamid, emoji: "👍" } }];
      const response = await h.wa.postWebhook(JSON.stringify(template));
      expect(JSON.parse(response.body)).toEqual({ received: 1, duplicates: 0 });
      await h.settle();
      expect(chat.unread()).toHaveLength(0);
      // It still counts as the person writing (the message is stored and handled).
      const [stored] = await h.db.select().from(h.schema.whatsappMessages).where(eq(h.schema.whatsappMessages.wamid, wamid));
      expect(stored?.processedAt).toBeInstanceOf(Date);
    });

    it("STOP and START turn notifications off and on", async () => {
      const chat = await linkedChat((await freshUsers()).landlord, { pin: false });
      expect((await chat.say("STOP")).text).toMatch(/^You will get no more notifications here\. Send START/);
      expect((await h.contact(chat.number))?.optedOutAt).toBeInstanceOf(Date);
      expect((await chat.say("start")).text).toBe("Notifications are on again. Send STOP to turn them off.");
      expect((await h.contact(chat.number))?.optedOutAt).toBeNull();
    });

    it("asks a user whose organisation requires re-linking to link again, and ends the old link", async () => {
      const users = await freshUsers();
      await h.db.update(h.schema.organisations).set({ whatsappRelinkDays: 30 }).where(eq(h.schema.organisations.id, users.landlord.organisationId));
      const { number } = await h.linkTestNumber(users.landlord, { linkedAt: new Date(Date.now() - 31 * 24 * HOUR) });
      const chat = h.chat(number);
      expect((await chat.say("STATUS")).text).toMatch(/linked again every 30 days/);
      expect((await chat.say("STATUS")).text).toMatch(/^Welcome to TenantLens/);
    });
  });

  describe("linking a number", () => {
    async function portalCode(user: AppFixtures.FixtureUser) {
      const response = await h.call(routes.linkCode, "POST", "/api/account/whatsapp/link-code", { user });
      expect(response.status).toBe(201);
      return (await response.json()) as { code: string; sendTo: string | null; expiresAt: string };
    }

    const settings = async (user: AppFixtures.FixtureUser) =>
      (await (await h.call(routes.settings, "GET", "/api/account/whatsapp", { user })).json()) as { link: { number: string } | null };

    it("links with the portal's code typed as LINK 123456, once", async () => {
      const users = await freshUsers();
      const { code, sendTo } = await portalCode(users.landlord);
      expect(sendTo).toBe(`+${h.whatsapp.displayNumber}`);
      const chat = h.chat(h.freshNumber());
      expect((await chat.say(`link ${code.slice(0, 3)} ${code.slice(3)}`)).text).toMatch(/^This number is now linked to your TenantLens account/);
      expect((await settings(users.landlord)).link?.number).toBe(`+27 82 *** ${chat.number.slice(-4)}`);
      expect((await chat.say("menu")).text).toBe(`Hi ${users.landlord.key}. What would you like to do?`);
      // The code is used up: another number cannot take the account with it.
      expect((await h.chat(h.freshNumber()).say(`LINK ${code}`)).text).toMatch(/^That link code is not valid or has expired/);
      const audit = await h.db.select().from(h.schema.auditEvents).where(and(eq(h.schema.auditEvents.action, "whatsapp.link"), eq(h.schema.auditEvents.resourceId, users.landlord.id)));
      expect(audit).toHaveLength(1);
    });

    it("refuses a wrong or expired code, and locks the number out after 5 tries", async () => {
      const users = await freshUsers();
      const { code } = await portalCode(users.landlord);
      const wrong = code === "000000" ? "111111" : "000000";
      const chat = h.chat(h.freshNumber());
      expect((await chat.say(`LINK ${wrong}`)).text).toBe("That link code is not valid or has expired. Open Settings → WhatsApp in the portal for a new one.");

      const expired = await portalCode(users.landlord2);
      await h.db.update(h.schema.whatsappLinkCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(h.schema.whatsappLinkCodes.userId, users.landlord2.id));
      expect((await chat.say(`LINK ${expired.code}`)).text).toMatch(/^That link code is not valid or has expired/);

      for (let attempt = 3; attempt <= 5; attempt++) expect((await chat.say(`LINK ${wrong}`)).text).toMatch(/^That link code is not valid/);
      // The sixth try within the hour is refused even with the right code.
      expect((await chat.say(`LINK ${code}`)).text).toBe("Too many link attempts from this number. Wait an hour and ask the portal for a new code.");
      expect((await settings(users.landlord)).link).toBeNull();
      expect((await chat.say("STATUS")).text).toMatch(/^Welcome to TenantLens/);
    });

    it("links the other way: the portal sends a code by WhatsApp and the user confirms it in the portal", async () => {
      const users = await freshUsers();
      const chat = h.chat(h.freshNumber());
      const sent = await h.call(routes.link, "POST", "/api/account/whatsapp/link", { user: users.landlord, body: { phone: typed(chat.number) } });
      expect(sent.status).toBe(202);
      expect(await sent.json()).toMatchObject({ sentTo: `+27 82 *** ${chat.number.slice(-4)}` });
      // The number never wrote to us, so only the approved template can carry the code.
      const template = await chat.next(isTemplate("tenantlens_update"));
      const code = /link code is (\d{6})/.exec(template.template?.parameters[0] ?? "")?.[1] ?? "";
      expect(code).toMatch(/^\d{6}$/);

      const confirm = (value: string) => h.call(routes.linkConfirm, "POST", "/api/account/whatsapp/link/confirm", { user: users.landlord, body: { code: value } });
      const wrong = await confirm(code === "000000" ? "111111" : "000000");
      expect(wrong.status).toBe(422);
      expect(((await wrong.json()) as ErrorBody).error).toMatchObject({ code: "WRONG_LINK_CODE", message: "That code is not right. 4 tries left.", field: "code" });
      const right = await confirm(code);
      expect(right.status).toBe(200);
      expect(await right.json()).toEqual({ linked: true });
      expect((await settings(users.landlord)).link?.number).toBe(`+27 82 *** ${chat.number.slice(-4)}`);

      // Writing now reaches the account; the code is not sent again, stale, after it was used.
      const menu = await chat.say("menu");
      expect(menu.text).toBe(`Hi ${users.landlord.key}. What would you like to do?`);
      await h.settle();
      expect(chat.received().filter((message) => message.text.includes(code))).toHaveLength(1);
    });

    it("sends the code as plain text to a number that wrote in the last 24 hours, and ends it after 5 wrong tries", async () => {
      const users = await freshUsers();
      const chat = h.chat(h.freshNumber());
      await chat.say("hello");
      const sent = await h.call(routes.link, "POST", "/api/account/whatsapp/link", { user: users.manager, body: { phone: `+${chat.number}` } });
      expect(sent.status).toBe(202);
      const message = await chat.next();
      expect(message.type).toBe("text");
      const code = /link code is (\d{6})/.exec(message.text)?.[1] ?? "";
      expect(code).toMatch(/^\d{6}$/);
      const confirm = (value: string) => h.call(routes.linkConfirm, "POST", "/api/account/whatsapp/link/confirm", { user: users.manager, body: { code: value } });
      const wrong = code === "000000" ? "111111" : "000000";
      for (const left of ["4 tries", "3 tries", "2 tries", "1 try"]) {
        expect(((await (await confirm(wrong)).json()) as ErrorBody).error.message).toBe(`That code is not right. ${left} left.`);
      }
      expect(((await (await confirm(wrong)).json()) as ErrorBody).error.message).toBe("Too many wrong codes. Ask for a new one.");
      const late = await confirm(code);
      expect(late.status).toBe(422);
      expect(((await late.json()) as ErrorBody).error.code).toBe("LINK_CODE_EXPIRED");
      expect((await settings(users.manager)).link).toBeNull();
    });
  });

  describe("the WhatsApp PIN", () => {
    it("is set in the portal with the password, and refuses guessable PINs", async () => {
      const users = await freshUsers();
      const set = (body: unknown) => h.call(routes.pin, "PUT", "/api/account/whatsapp/pin", { user: users.landlord, body });
      const weak = await set({ pin: "1234", currentPassword: h.fixtures.FIXTURE_PASSWORD });
      expect(weak.status).toBe(422);
      expect(((await weak.json()) as ErrorBody).error).toMatchObject({ code: "WEAK_PIN", field: "pin" });
      const short = await set({ pin: "12a", currentPassword: h.fixtures.FIXTURE_PASSWORD });
      expect(((await short.json()) as ErrorBody).error).toMatchObject({ code: "INVALID_PIN", message: "Use 4 to 6 digits." });
      const badPassword = await set({ pin: TEST_PIN, currentPassword: "not my password" });
      expect(((await badPassword.json()) as ErrorBody).error.code).toBe("REAUTHENTICATION_FAILED");
      expect((await set({ pin: TEST_PIN, currentPassword: h.fixtures.FIXTURE_PASSWORD })).status).toBe(200);
    });

    it("is required before a check, locks after 5 wrong tries, and works again once reset in the portal", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.landlord, { pin: false });
      const id = CONSUMER_SCENARIOS.LATE_PAYER.idNumber;
      await chat.say(`CHECK ${id}`);
      await chat.tap(REPLY.attested);
      await chat.next();
      expect((await chat.say(TEST_PIN)).text).toBe("Set a WhatsApp PIN first: http://localhost:3000/settings/whatsapp. Checks from WhatsApp need it.");

      expect((await h.setPin(users.landlord)).status).toBe(200);
      await chat.say(`CHECK ${id}`);
      await chat.tap(REPLY.attested);
      await chat.next();
      const wrongPins = ["9731", "97310", "abc", "2468", "13579"];
      const answers: string[] = [];
      for (const pin of wrongPins) answers.push((await chat.say(pin)).text);
      expect(answers).toEqual([
        "That PIN is not right. 4 tries left before it locks.",
        "That PIN is not right. 3 tries left before it locks.",
        "That PIN is not right. 2 tries left before it locks.",
        "That PIN is not right. 1 try left before it locks.",
        "Your WhatsApp PIN is locked after 5 wrong tries. Set a new one in the portal: http://localhost:3000/settings/whatsapp",
      ]);
      // Locked: even the right PIN does not start a check.
      await chat.say(`CHECK ${id}`);
      await chat.tap(REPLY.attested);
      await chat.next();
      expect((await chat.say(TEST_PIN)).text).toMatch(/^Your WhatsApp PIN is locked/);
      const [pin] = await h.db.select().from(h.schema.whatsappPins).where(eq(h.schema.whatsappPins.userId, users.landlord.id));
      expect(pin?.lockedAt).toBeInstanceOf(Date);
      expect(await h.db.select().from(h.schema.enquiries).where(eq(h.schema.enquiries.requestedBy, users.landlord.id))).toHaveLength(0);

      // The PINs typed are not kept in the message store.
      for (const row of await h.storedMessages(chat.number)) {
        const body = await h.openBody(row.bodyEncrypted);
        if (body.direction === "in" && body.content.type === "text") expect([...wrongPins, TEST_PIN]).not.toContain(body.content.text);
      }

      expect((await h.setPin(users.landlord)).status).toBe(200);
      await runAttestedCheck(chat, `CHECK ${id}`);
      await h.settle();
    });
  });

  describe("a check from WhatsApp", () => {
    it("runs CHECK -> signed consent -> PIN through TPN and returns the summary and the PDF, never the full ID", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.landlord);
      const id = CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber;
      const choice = await chat.say(`CHECK ${id} RENT 12 500 INCOME R40,000`);
      expect(choice.text).toMatch(/^Check •••••••••3088\./);
      expect(choice.buttons.map((button) => button.id)).toEqual([REPLY.attested, REPLY.ask, REPLY.cancel]);
      // Meta cuts reply-button titles after 20 characters; every title must be readable whole.
      for (const { title } of choice.buttons) expect(title.length <= 20 && !title.endsWith("…")).toBe(true);
      const tap = await chat.tap(REPLY.attested);
      await chat.next();
      const started = await chat.say(TEST_PIN);
      const enquiry = await latestEnquiry(users.landlord);
      expect(started.text).toContain(reference(enquiry.id));
      expect(enquiry).toMatchObject({ channel: "whatsapp", monthlyRentCents: 1_250_000, identifierLast4: "3088" });
      const [consent] = await h.db.select().from(h.schema.consents).where(eq(h.schema.consents.enquiryId, enquiry.id));
      expect(consent).toMatchObject({ kind: "granted", method: "signed_form", evidence: `whatsapp:${tap}`, confirmedBy: users.landlord.id });

      await h.settle();
      expect((await latestEnquiry(users.landlord)).status).toBe("ready");
      const summary = await chat.next(isText(/^Report TL-/));
      expect(summary.text).toContain(`Report ${reference(enquiry.id)} is ready.`);
      expect(summary.text).toContain("SA ID number •••••••••3088");
      expect(summary.text).toMatch(/Risk: Low risk, score \d{1,3}\/100/);
      expect(summary.text).toContain("Recommendation: Accept");
      expect(summary.text).toMatch(/Main reasons:\n• .+/);
      expect(summary.text).toContain(`Full report: http://localhost:3000/enquiries/${enquiry.id}`);

      const document = await chat.next(isDocument);
      expect(document.filename).toMatch(/^tenantlens-report-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.pdf$/);
      expect(document.text).toBe(`Risk report ${reference(enquiry.id)}. Confidential: for tenant screening only.`);
      const media = h.wa.media(document.mediaId ?? "");
      expect(media?.mimeType).toBe("application/pdf");
      expect(media?.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(media?.bytes.length).toBeGreaterThan(1000);

      // Exactly one summary and one PDF, and the full ID number in none of the messages.
      expect(chat.received().filter(isText(/^Report TL-/))).toHaveLength(1);
      expect(chat.received().filter(isDocument)).toHaveLength(1);
      for (const message of chat.received()) expect(visible(message)).not.toContain(id);

      const status = await chat.say("STATUS");
      expect(status.text).toMatch(new RegExp(`^Your recent checks:\\n• ${reference(enquiry.id)} •••••••••3088: ready, `));
      expect(visible(status)).not.toContain(id);

      // The same applicant again: the current report is offered instead of buying another.
      await chat.say(`CHECK ${id}`);
      await chat.tap(REPLY.attested);
      await chat.next();
      expect((await chat.say(TEST_PIN)).text).toBe(
        `A current report on this applicant exists already: http://localhost:3000/enquiries/${enquiry.id} . To buy a new check anyway, use the portal.`,
      );
    });

    it("checks a company by its CIPC number", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.landlord);
      const { registrationNumber } = COMMERCIAL_SCENARIOS.COMPANY_IN_LIQUIDATION;
      const choice = await chat.say(`CHECK ${registrationNumber}`);
      expect(choice.text).toMatch(/^Check ••••\/••••13\/07\./);
      await chat.tap(REPLY.attested);
      await chat.next();
      await chat.say(TEST_PIN);
      expect(await latestEnquiry(users.landlord)).toMatchObject({ subjectType: "company", identifierKind: "cipc", channel: "whatsapp" });
      await h.settle();
      const summary = await chat.next(isText(/^Report TL-/));
      expect(summary.text).toContain("Registration number ••••/••••13/07");
      expect(summary.text).toContain("Risk: Very high risk");
      await chat.next(isDocument);
    });

    it("asks the applicant by template when they never wrote, and continues to the report when they tap I consent", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.manager);
      const applicant = h.chat(h.freshNumber());
      const stranger = h.chat(h.freshNumber());
      const id = CONSUMER_SCENARIOS.LATE_PAYER.idNumber;

      await chat.say(`CHECK ${id}`);
      await chat.tap(REPLY.ask);
      expect((await chat.next()).text).toMatch(/^Send the applicant's WhatsApp number/);
      expect((await chat.say("12345")).text).toMatch(/Send the applicant's WhatsApp number, or CANCEL\.$/);
      expect((await chat.say(typed(applicant.number))).text).toMatch(/^Reply with your WhatsApp PIN/);
      const started = await chat.say(TEST_PIN);
      const enquiry = await latestEnquiry(users.manager);
      expect(started.text).toBe(`Check ${reference(enquiry.id)} is waiting for the applicant's consent. We asked them on WhatsApp and will continue when they agree (up to 7 days).`);
      expect(enquiry.status).toBe("awaiting_consent");

      const request = await applicant.next(isTemplate("tenantlens_consent_request"));
      const [organisation, masked, link] = request.template?.parameters ?? [];
      const [org] = await h.db.select().from(h.schema.organisations).where(eq(h.schema.organisations.id, users.manager.organisationId));
      expect(organisation).toBe(org?.name);
      expect(masked).toBe("•••••••••6083");
      expect(link).toMatch(/^http:\/\/localhost:3000\/consent\/[A-Za-z0-9_-]{32,}$/);
      expect(request.buttons.map((button) => button.title)).toEqual(["I consent", "I do not consent"]);
      expect(visible(request)).not.toContain(id);
      await h.settle();
      expect((await latestEnquiry(users.manager)).status).toBe("awaiting_consent");

      // Only the number the request went to can answer it.
      const consentButton = request.buttons[0];
      await stranger.send({ type: "button", payload: consentButton?.id ?? "", text: "I consent" });
      expect((await stranger.next()).text).toBe("This consent request was sent to another number, so it cannot be answered from here.");
      await h.settle();
      expect((await latestEnquiry(users.manager)).status).toBe("awaiting_consent");

      const tap = await applicant.tap(consentButton?.id ?? "");
      expect((await applicant.next()).text).toMatch(/^Thank you\. Your consent is recorded and .+ will receive the result of the check\./);
      await h.settle();
      expect((await latestEnquiry(users.manager)).status).toBe("ready");
      const [consent] = await h.db.select().from(h.schema.consents).where(eq(h.schema.consents.enquiryId, enquiry.id));
      expect(consent).toMatchObject({ kind: "granted", method: "whatsapp", evidence: `whatsapp:${tap}`, confirmedBy: null });

      const summary = await chat.next(isText(/^Report TL-/));
      expect(summary.text).toContain(`Report ${reference(enquiry.id)} is ready.`);
      await chat.next(isDocument);
      // The applicant gets no report.
      expect(applicant.received().filter((message) => message.type === "document" || /^Report TL-/.test(message.text))).toHaveLength(0);
      for (const message of [...chat.received(), ...applicant.received()]) expect(visible(message)).not.toContain(id);
      // A second tap changes nothing.
      await applicant.tap(consentButton?.id ?? "");
      expect((await applicant.next()).text).toMatch(/^This consent request is no longer open/);
    });

    it("asks an applicant who wrote today with buttons; declining stops the check and tells the requester", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.landlord);
      const applicant = h.chat(h.freshNumber());
      expect((await applicant.say("Hi, my agent said to message here")).text).toMatch(/^Welcome to TenantLens/);
      const tpnCalls = h.sandbox.stats().billableCalls;

      await chat.say(`CHECK ${CONSUMER_SCENARIOS.DEBT_REVIEW.idNumber}`);
      await chat.tap(REPLY.ask);
      await chat.next();
      await chat.say(`+${applicant.number}`);
      await chat.say(TEST_PIN);
      const enquiry = await latestEnquiry(users.landlord);

      const request = await applicant.next();
      expect(request.type).toBe("interactive");
      expect(request.text).toMatch(/asks for your consent to check your rental and credit record with TPN \(ID •••••••••4188\)/);
      expect(request.buttons.map((button) => button.title)).toEqual(["I consent", "I do not consent"]);
      await applicant.tap(request.buttons[1]?.id ?? "");
      expect((await applicant.next()).text).toMatch(/^Understood\. No check will be done/);
      await h.settle();
      expect(await latestEnquiry(users.landlord)).toMatchObject({ status: "failed", failureCode: "CONSENT_DECLINED", billed: false });
      expect(h.sandbox.stats().billableCalls).toBe(tpnCalls);
      const told = await chat.next(isText(/did not complete/));
      expect(told.text).toBe(`Check ${reference(enquiry.id)} did not complete. The applicant declined consent, so TPN was not contacted.\nDetails: http://localhost:3000/enquiries/${enquiry.id}`);
    });
  });

  describe("a consent request WhatsApp refuses", () => {
    it("stops the check and tells the requester instead of saying the applicant was asked", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.landlord);
      const applicant = h.freshNumber();
      const tpnCalls = h.sandbox.stats().billableCalls;
      await chat.say(`CHECK ${CONSUMER_SCENARIOS.FRAUD_ALERT.idNumber}`);
      await chat.tap(REPLY.ask);
      await chat.next();
      await chat.say(typed(applicant));
      await h.settle();
      // Meta refuses the next call, the consent request: the number cannot receive it.
      h.wa.failNext(1, { httpStatus: 400, code: 131026, message: "Message undeliverable" });
      const answer = await chat.say(TEST_PIN);
      const enquiry = await latestEnquiry(users.landlord);
      expect(answer.text).toBe(
        `WhatsApp could not deliver the consent request to +27 82 *** ${applicant.slice(-4)}, so check ${reference(enquiry.id)} was stopped and nothing was sent to TPN. Check the number and send CHECK again, or ask the applicant by email in the portal.`,
      );
      expect((await chat.next()).text).toBe(
        `Check ${reference(enquiry.id)} did not complete. WhatsApp could not deliver the consent request to the applicant's number, so TPN was not contacted. Check the number and start a new check.\nDetails: http://localhost:3000/enquiries/${enquiry.id}`,
      );
      await h.settle();
      expect(await latestEnquiry(users.landlord)).toMatchObject({ status: "failed", failureCode: "CONSENT_REQUEST_NOT_DELIVERED", billed: false });
      expect(h.sandbox.stats().billableCalls).toBe(tpnCalls);
      expect(h.wa.outbound(applicant)).toHaveLength(0);
    });
  });

  describe("a consent request asked for through the API that Meta refuses", () => {
    it("ends the enquiry failed with the reason at once, instead of waiting 7 days", async () => {
      const users = await freshUsers();
      const applicant = h.freshNumber();
      h.wa.failNext(1, { httpStatus: 400, code: 131026, message: "Message undeliverable" });
      const response = await h.call(routes.enquiries, "POST", "/api/enquiries", {
        user: users.landlord,
        body: { subject: { type: "individual", idNumber: freshSaIdNumber() }, consent: { requestFromApplicant: { phone: `+${applicant}` } } },
      });
      expect(response.status).toBe(202);
      const created = (await response.json()) as { id: string; status: string };
      expect(created.status).toBe("failed");
      await h.settle();
      expect(await latestEnquiry(users.landlord)).toMatchObject({ id: created.id, status: "failed", failureCode: "CONSENT_REQUEST_NOT_DELIVERED", billed: false });
      expect(h.wa.outbound(applicant)).toHaveLength(0);
    });
  });

  describe("a consent request to a number that sent STOP", () => {
    it("is refused before anything is created, naming the field, and works again once the number sends START", async () => {
      const users = await freshUsers();
      const applicant = h.chat(h.freshNumber());
      expect((await applicant.say("STOP")).text).toMatch(/no more notifications/);
      const ask = () =>
        h.call(routes.enquiries, "POST", "/api/enquiries", {
          user: users.landlord,
          body: { subject: { type: "individual", idNumber: freshSaIdNumber() }, consent: { requestFromApplicant: { phone: `+${applicant.number}` } } },
        });

      const refused = await ask();
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as { error: { code: string; field: string } }).error).toMatchObject({ code: "WHATSAPP_OPTED_OUT", field: "consent.requestFromApplicant.phone" });
      const [none] = await h.db.select().from(h.schema.enquiries).where(eq(h.schema.enquiries.requestedBy, users.landlord.id));
      expect(none).toBeUndefined();
      expect(applicant.unread()).toHaveLength(0);

      expect((await applicant.say("START")).text).toMatch(/Notifications are on again/);
      const accepted = await ask();
      expect(accepted.status).toBe(202);
      expect(((await accepted.json()) as { status: string }).status).toBe("awaiting_consent");
      await applicant.next((message) => message.buttons.some((button) => button.title === "I consent"));
    });
  });

  describe("a consent request Meta accepts but cannot deliver", () => {
    it("stops the waiting check as soon as the failed status arrives, and tells the requester", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.landlord);
      const applicant = h.chat(h.freshNumber());
      await chat.say(`CHECK ${CONSUMER_SCENARIOS.LATE_PAYER.idNumber}`);
      await chat.tap(REPLY.ask);
      await chat.next();
      await chat.say(typed(applicant.number));
      await chat.say(TEST_PIN);
      const request = await applicant.next(isTemplate("tenantlens_consent_request"));
      await h.settle();
      const enquiry = await latestEnquiry(users.landlord);
      expect(enquiry.status).toBe("awaiting_consent");

      // Later, Meta reports the message undeliverable (e.g. the number has no WhatsApp).
      const failed = statusPayload(
        { businessAccountId: "200000000000001", phoneNumberId: h.whatsapp.phoneNumberId, displayPhoneNumber: h.whatsapp.displayNumber },
        { wamid: request.wamid, status: "failed", recipientId: applicant.number, timestampSeconds: Math.floor(Date.now() / 1000) + 5, error: { code: 131026, title: "Message undeliverable", details: "Message undeliverable" } },
      );
      expect((await h.wa.postWebhook(failed)).status).toBe(200);
      await h.settle();
      expect(await latestEnquiry(users.landlord)).toMatchObject({ status: "failed", failureCode: "CONSENT_REQUEST_NOT_DELIVERED", billed: false });
      expect((await chat.next(isText(/did not complete/))).text).toContain(`Check ${reference(enquiry.id)} did not complete. WhatsApp could not deliver the consent request`);
    });
  });

  describe("notifications for checks started on the web", () => {
    it("go as one template when the user last wrote more than 24 hours ago, and the report follows when they write", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.landlord, { pin: false, notifyWebEnquiries: true });
      h.setClockOffset(-25 * HOUR);
      try {
        await chat.say("hi");
      } finally {
        h.setClockOffset(0);
      }
      const contact = await h.contact(chat.number);
      expect(Date.now() - (contact?.lastInboundAt?.getTime() ?? 0)).toBeGreaterThan(24 * HOUR);

      const enquiryId = await webEnquiry(users.landlord);
      await h.settle();
      const template = await chat.next(isTemplate("tenantlens_update"));
      expect(template.template?.parameters).toEqual([`check ${reference(enquiryId)} has finished`]);
      // One template for the finished check (not one per held-back message), and nothing else yet.
      expect(chat.unread()).toHaveLength(0);
      expect(chat.received().filter(isTemplate("tenantlens_update"))).toHaveLength(1);
      const held = (await h.storedMessages(chat.number)).filter((row) => row.status === "deferred");
      expect(held.map((row) => row.kind).sort()).toEqual(["document", "text"]);

      // Writing opens the window: the held summary and PDF arrive first, then the answer.
      await chat.send("ok");
      const summary = await chat.next();
      expect(summary.text).toContain(`Report ${reference(enquiryId)} is ready.`);
      expect((await chat.next()).type).toBe("document");
      expect((await chat.next()).text).toMatch(/^Hi landlord\./);
      await h.settle();
      expect((await h.storedMessages(chat.number)).filter((row) => row.status === "deferred")).toHaveLength(0);
    });

    it("fall back to the template when Meta refuses a message outside the window (131047)", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.landlord, { pin: false, notifyWebEnquiries: true });
      // Our record says the user wrote just now; Meta's says they never did.
      const contact = await h.contact(chat.number);
      await h.db.update(h.schema.whatsappContacts).set({ lastInboundAt: new Date() }).where(eq(h.schema.whatsappContacts.id, contact?.id ?? ""));
      const enquiryId = await webEnquiry(users.landlord);
      await h.settle();
      const refused = chat.received().filter((message) => message.status === "failed");
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((message) => message.error?.code === 131047)).toBe(true);
      const templates = chat.received().filter(isTemplate("tenantlens_update"));
      expect(templates).toHaveLength(1);
      expect(templates[0]?.status).toBe("read");

      await chat.send("hello");
      const summary = await chat.next((message) => message.type === "text" && message.status !== "failed" && message.text.startsWith("Report "));
      expect(summary.text).toContain(reference(enquiryId));
      await chat.next((message) => isDocument(message) && message.status !== "failed");
    });

    it("are not sent after STOP, and are again after START", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.landlord, { pin: false, notifyWebEnquiries: true });
      await chat.say("STOP");
      await webEnquiry(users.landlord);
      await h.settle();
      expect(chat.unread()).toHaveLength(0);
      expect((await latestEnquiry(users.landlord)).status).toBe("ready");

      await chat.say("START");
      const second = await webEnquiry(users.landlord);
      await h.settle();
      expect((await chat.next(isText(/^Report TL-/))).text).toContain(reference(second));
    });

    it("are not sent for web checks unless the user asked for them", async () => {
      const users = await freshUsers();
      const chat = await linkedChat(users.landlord, { pin: false, notifyWebEnquiries: false });
      await chat.say("hi");
      await webEnquiry(users.landlord);
      await h.settle();
      expect((await latestEnquiry(users.landlord)).status).toBe("ready");
      expect(chat.unread()).toHaveLength(0);
    });
  });
});
