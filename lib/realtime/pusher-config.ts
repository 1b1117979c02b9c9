/**
 * SDK options from environment values, for both worlds: with a host (the local stand-in / soketi) the
 * SDKs talk to that host and port; otherwise to the Pusher cluster. Pure functions: the caller passes
 * already-loaded env values (strings as they come from process.env, or coerced numbers/booleans).
 *
 * Option names follow the SDK sources: node_modules/pusher/lib/{pusher_config,config}.js (host, port,
 * useTLS, cluster) and node_modules/pusher-js/src/core/{options,config}.ts (wsHost, wsPort, wssPort,
 * forceTLS, enabledTransports, cluster — still required by validateOptions even when wsHost is set —,
 * channelAuthorization).
 */
import type Pusher from "pusher";
import type { Options as PusherClientOptions } from "pusher-js";
import { z } from "zod";

export interface PusherServerEnv {
  PUSHER_APP_ID: string;
  PUSHER_KEY: string;
  PUSHER_SECRET: string;
  PUSHER_HOST?: string;
  PUSHER_PORT?: string | number;
  PUSHER_CLUSTER?: string;
  PUSHER_USE_TLS?: string | boolean;
}

export interface PusherPublicEnv {
  NEXT_PUBLIC_PUSHER_KEY: string;
  NEXT_PUBLIC_PUSHER_HOST?: string;
  NEXT_PUBLIC_PUSHER_PORT?: string | number;
  NEXT_PUBLIC_PUSHER_CLUSTER?: string;
  NEXT_PUBLIC_PUSHER_FORCE_TLS?: string | boolean;
}

/** Unset and "" mean "not given" (an empty env var is how shells and .env files leave a value out). */
const optionalText = z.preprocess((value) => (value === "" ? undefined : value), z.string().trim().min(1).optional());
const optionalPort = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z.coerce.number().int().min(1).max(65535).optional(),
);
const optionalFlag = z.preprocess((value) => {
  if (value === "" || value === undefined) return undefined;
  if (typeof value !== "string") return value;
  const text = value.trim().toLowerCase();
  if (text === "true" || text === "1") return true;
  if (text === "false" || text === "0") return false;
  return value;
}, z.boolean().optional());

const serverEnvSchema = z.object({
  PUSHER_APP_ID: z.string().trim().min(1),
  PUSHER_KEY: z.string().trim().min(1),
  PUSHER_SECRET: z.string().min(1),
  PUSHER_HOST: optionalText,
  PUSHER_PORT: optionalPort,
  PUSHER_CLUSTER: optionalText,
  PUSHER_USE_TLS: optionalFlag,
});

const publicEnvSchema = z.object({
  NEXT_PUBLIC_PUSHER_KEY: z.string().trim().min(1),
  NEXT_PUBLIC_PUSHER_HOST: optionalText,
  NEXT_PUBLIC_PUSHER_PORT: optionalPort,
  NEXT_PUBLIC_PUSHER_CLUSTER: optionalText,
  NEXT_PUBLIC_PUSHER_FORCE_TLS: optionalFlag,
});

/**
 * Options for `new Pusher(...)`. With PUSHER_HOST: host (+ port), TLS off unless PUSHER_USE_TLS says
 * otherwise. Without: PUSHER_CLUSTER (required then), TLS on unless PUSHER_USE_TLS=false.
 */
export function pusherServerOptions(env: PusherServerEnv): Pusher.Options {
  const parsed = serverEnvSchema.parse(env);
  const base = { appId: parsed.PUSHER_APP_ID, key: parsed.PUSHER_KEY, secret: parsed.PUSHER_SECRET };
  if (parsed.PUSHER_HOST !== undefined) {
    return {
      ...base,
      host: parsed.PUSHER_HOST,
      ...(parsed.PUSHER_PORT === undefined ? {} : { port: String(parsed.PUSHER_PORT) }),
      useTLS: parsed.PUSHER_USE_TLS ?? false,
    };
  }
  if (parsed.PUSHER_CLUSTER === undefined) throw new Error("Pusher config: set PUSHER_HOST or PUSHER_CLUSTER");
  return { ...base, cluster: parsed.PUSHER_CLUSTER, useTLS: parsed.PUSHER_USE_TLS ?? true };
}

/**
 * Options for `new PusherJS(key, options)`; the key is `NEXT_PUBLIC_PUSHER_KEY`, see pusherClientKey.
 * With NEXT_PUBLIC_PUSHER_HOST: WebSocket only, to that host/port, TLS off unless FORCE_TLS.
 * Without: the cluster (required then), TLS forced unless FORCE_TLS=false.
 */
export function pusherClientOptions(publicEnv: PusherPublicEnv, authEndpoint: string): PusherClientOptions {
  const parsed = publicEnvSchema.parse(publicEnv);
  const channelAuthorization = { endpoint: authEndpoint, transport: "ajax" as const };
  if (parsed.NEXT_PUBLIC_PUSHER_HOST !== undefined) {
    const forceTLS = parsed.NEXT_PUBLIC_PUSHER_FORCE_TLS ?? false;
    const port = parsed.NEXT_PUBLIC_PUSHER_PORT ?? (forceTLS ? 443 : 80);
    return {
      // pusher-js insists on a cluster; with wsHost set it is not used for the WebSocket URL.
      cluster: parsed.NEXT_PUBLIC_PUSHER_CLUSTER ?? "",
      wsHost: parsed.NEXT_PUBLIC_PUSHER_HOST,
      wsPort: port,
      wssPort: port,
      forceTLS,
      enabledTransports: ["ws", "wss"],
      channelAuthorization,
    };
  }
  if (parsed.NEXT_PUBLIC_PUSHER_CLUSTER === undefined) {
    throw new Error("Pusher config: set NEXT_PUBLIC_PUSHER_HOST or NEXT_PUBLIC_PUSHER_CLUSTER");
  }
  return {
    cluster: parsed.NEXT_PUBLIC_PUSHER_CLUSTER,
    forceTLS: parsed.NEXT_PUBLIC_PUSHER_FORCE_TLS ?? true,
    channelAuthorization,
  };
}

/** The app key the browser connects with (validated the same way as the other options). */
export function pusherClientKey(publicEnv: PusherPublicEnv): string {
  return publicEnvSchema.parse(publicEnv).NEXT_PUBLIC_PUSHER_KEY;
}
