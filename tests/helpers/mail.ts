/** Set by tests/global-setup.ts for every test worker. */
function outbox(): string {
  const url = process.env.DEV_MAIL_OUTBOX_URL;
  if (!url) throw new Error("DEV_MAIL_OUTBOX_URL is not set: run the tests through vitest (tests/global-setup.ts)");
  return `${url}/messages`;
}

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** Waits for a mail to this address whose subject matches, and returns it. */
export async function waitForMail(to: string, subject: RegExp, timeoutMs = 10_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(outbox());
    const { messages } = (await response.json()) as { messages: Mail[] };
    const found = messages.find((mail) => mail.to.includes(to) && subject.test(mail.subject));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to} matching ${String(subject)}`);
}

export async function mailsTo(to: string): Promise<Mail[]> {
  const response = await fetch(outbox());
  const { messages } = (await response.json()) as { messages: Mail[] };
  return messages.filter((mail) => mail.to.includes(to));
}

export function linkIn(mail: Mail): URL {
  const match = /https?:\/\/\S+/.exec(mail.text);
  if (!match) throw new Error(`no link in mail "${mail.subject}"`);
  return new URL(match[0]);
}
