/**
 * Local mail stand-in: a real SMTP server (nodemailer's `smtp-server`) that keeps what it receives in
 * memory, and a small HTTP API over it (`GET /messages`, `DELETE /messages`) that `/dev/mail` and the
 * tests read. The app sends through nodemailer over SMTP exactly as in production; only SMTP_URL differs.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { devLog } from "../dev-log";

export interface CapturedMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  receivedAt: string;
}

export interface MailStandIn {
  smtpUrl: string;
  outboxUrl: string;
  messages(): CapturedMail[];
  close(): Promise<void>;
}

const KEEP = 200;

export async function startMailStandIn(options: { smtpPort?: number; httpPort?: number; host?: string } = {}): Promise<MailStandIn> {
  const host = options.host ?? "127.0.0.1";
  const inbox: CapturedMail[] = [];

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    banner: "TenantLens dev mail",
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          inbox.unshift({
            id: crypto.randomUUID(),
            from: parsed.from?.text ?? "",
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : null,
            receivedAt: new Date().toISOString(),
          });
          inbox.splice(KEEP);
          devLog("mail", "info", "message captured", { recipients: session.envelope.rcptTo.length });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error("unparseable message")));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(options.smtpPort ?? 1025, host, () => resolve());
  });

  const api = http.createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://mail").pathname;
    if (path === "/messages" && request.method === "GET") {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ messages: inbox }));
    } else if (path === "/messages" && request.method === "DELETE") {
      inbox.splice(0);
      response.writeHead(204).end();
    } else {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    api.once("error", reject);
    api.listen(options.httpPort ?? 1080, host, () => resolve());
  });

  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (api.address() as AddressInfo).port;
  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    outboxUrl: `http://${host}:${httpPort}`,
    messages: () => [...inbox],
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => api.close(() => resolve()));
    },
  };
}
