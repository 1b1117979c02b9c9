/** Identifiers shaped like Meta's: opaque "wamid." message ids, numeric media ids, trace ids. */
import { randomBytes, randomInt } from "node:crypto";

/** Real wamids are base64 of an internal structure; clients must treat them as opaque strings. */
export function newWamid(): string {
  return `wamid.${randomBytes(24).toString("base64url")}`;
}

/** Media ids are 15-16 digit numbers, sent as strings. */
export function newMediaId(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, "0")}${String(randomInt(0, 1e6)).padStart(6, "0")}`;
}

export function newTraceId(): string {
  return randomBytes(8).toString("base64url");
}

export function newConversationId(): string {
  return randomBytes(16).toString("hex");
}
