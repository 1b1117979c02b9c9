import { NotFoundError } from "@/lib/api/errors";
import { json, withApi } from "@/lib/api/with-api";
import { env } from "@/lib/env";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Development outbox (the local mail stand-in); does not exist in production. */
export const GET = withApi(async () => {
  if (env.NODE_ENV === "production" || !env.DEV_MAIL_OUTBOX_URL) throw new NotFoundError("Page");
  const response = await fetch(new URL("/messages", env.DEV_MAIL_OUTBOX_URL), { cache: "no-store" });
  return json(await response.json());
});
