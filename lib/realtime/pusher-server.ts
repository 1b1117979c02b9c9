import Pusher from "pusher";
import { env } from "@/lib/env";
import { pusherServerOptions } from "./pusher-config";

const globalForPusher = globalThis as unknown as { tenantlensPusher?: Pusher };

/** The server-side Pusher client; the same code reaches Pusher Channels or the local stand-in. */
export function getPusher(): Pusher | undefined {
  if (!env.PUSHER_APP_ID || !env.PUSHER_KEY || !env.PUSHER_SECRET) return undefined;
  globalForPusher.tenantlensPusher ??= new Pusher(
    pusherServerOptions({
      PUSHER_APP_ID: env.PUSHER_APP_ID,
      PUSHER_KEY: env.PUSHER_KEY,
      PUSHER_SECRET: env.PUSHER_SECRET,
      PUSHER_HOST: env.PUSHER_HOST,
      PUSHER_PORT: env.PUSHER_PORT,
      PUSHER_CLUSTER: env.PUSHER_CLUSTER,
      PUSHER_USE_TLS: env.PUSHER_HOST ? env.PUSHER_USE_TLS : undefined,
    }),
  );
  return globalForPusher.tenantlensPusher;
}
