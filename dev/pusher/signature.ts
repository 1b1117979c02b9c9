/**
 * Signatures, exactly as the server SDK produces them (node_modules/pusher/lib):
 *  - token.js: HMAC-SHA256 with the app secret, lowercase hex;
 *  - auth.js: channel auth is `<key>:<hmac("<socket_id>:<channel>[:<channel_data>]")>`;
 *  - requests.js + util.js: REST requests carry auth_key, auth_timestamp (unix seconds),
 *    auth_version=1.0, body_md5 (md5 hex of the raw JSON body, only when there is a body) and
 *    auth_signature = hmac("<METHOD>\n<path>\n<params sorted by key, joined key=value with &>"),
 *    values unescaped, auth_signature itself excluded.
 * Every comparison is constant-time.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface AppCredentials {
  id: string;
  key: string;
  secret: string;
}

export const MAX_TIMESTAMP_SKEW_SECONDS = 600;

export function hmacSha256Hex(secret: string, value: string): string {
  return createHmac("sha256", secret).update(Buffer.from(value)).digest("hex");
}

export function md5Hex(value: string): string {
  return createHash("md5").update(value, "utf8").digest("hex");
}

/** Constant-time string equality (the length check leaks only the length, which is public for hex digests). */
export function safeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given, "utf8");
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

export function channelAuthString(socketId: string, channel: string, channelData?: string): string {
  return channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
}

/** Checks a `pusher:subscribe` auth value against the app the socket connected to. */
export function verifyChannelAuth(
  app: AppCredentials,
  socketId: string,
  channel: string,
  auth: string | undefined,
  channelData?: string,
): boolean {
  if (auth === undefined) return false;
  const separator = auth.indexOf(":");
  if (separator <= 0) return false;
  const key = auth.slice(0, separator);
  const signature = auth.slice(separator + 1);
  const expected = hmacSha256Hex(app.secret, channelAuthString(socketId, channel, channelData));
  // Evaluate both comparisons so a wrong key does not return faster than a wrong signature.
  const keyOk = safeEqual(app.key, key);
  const signatureOk = safeEqual(expected, signature);
  return keyOk && signatureOk;
}

export type ApiAuthResult = { ok: true } | { ok: false; status: 400 | 401; message: string };

/**
 * Verifies a signed REST request. `query` is the decoded query string; `body` the raw request body
 * ("" when there is none). Messages mirror the plain-text answers of the real API.
 */
export function verifyApiRequest(input: {
  app: AppCredentials;
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  nowSeconds: number;
}): ApiAuthResult {
  const { app, method, path, query, body, nowSeconds } = input;

  const params = new Map<string, string>();
  for (const [rawKey, value] of query) {
    const key = rawKey.toLowerCase();
    if (params.has(key)) return { ok: false, status: 400, message: `Duplicate query parameter: ${key}` };
    params.set(key, value);
  }

  const authKey = params.get("auth_key");
  const timestamp = params.get("auth_timestamp");
  const version = params.get("auth_version");
  const signature = params.get("auth_signature");
  if (authKey === undefined || timestamp === undefined || version === undefined || signature === undefined) {
    return { ok: false, status: 401, message: "Missing authentication parameters" };
  }
  if (!safeEqual(app.key, authKey)) return { ok: false, status: 401, message: "Invalid key" };
  if (version !== "1.0") return { ok: false, status: 401, message: "Unsupported auth_version" };
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_TIMESTAMP_SKEW_SECONDS) {
    return {
      ok: false,
      status: 401,
      message: `Timestamp expired: Given timestamp (${timestamp}) not within ${MAX_TIMESTAMP_SKEW_SECONDS}s of server time (${nowSeconds})`,
    };
  }

  const bodyMd5 = params.get("body_md5");
  if (body.length > 0 || bodyMd5 !== undefined) {
    if (bodyMd5 === undefined || !safeEqual(md5Hex(body), bodyMd5)) {
      return { ok: false, status: 401, message: "Invalid body_md5" };
    }
  }

  params.delete("auth_signature");
  const sorted = [...params.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const stringToSign = [method.toUpperCase(), path, sorted].join("\n");
  if (!safeEqual(hmacSha256Hex(app.secret, stringToSign), signature)) {
    return {
      ok: false,
      status: 401,
      message: `Invalid signature: you should have sent HmacSHA256Hex(${JSON.stringify(stringToSign)}, your_secret_key)`,
    };
  }
  return { ok: true };
}
