"use client";

import type Pusher from "pusher-js";
import type { Options } from "pusher-js";

/**
 * One Pusher connection per page for all the support channels (the widget's conversation, the inbox,
 * the open conversation and presence), shared and reference-counted: the last user disconnects it.
 */
let shared: { id: string; pusher: Promise<Pusher>; users: number; idle?: ReturnType<typeof setTimeout> } | undefined;

/** A channel switch releases and re-acquires at once: keep the socket that long instead of reconnecting. */
const LINGER_MS = 2_000;

export async function acquirePusher(key: string, options: Options): Promise<{ pusher: Pusher; release: () => void }> {
  const id = `${key}|${JSON.stringify(options)}`;
  if (!shared || shared.id !== id) {
    shared = { id, pusher: import("pusher-js").then(({ default: PusherJs }) => new PusherJs(key, options)), users: 0 };
  }
  const entry = shared;
  clearTimeout(entry.idle);
  entry.users += 1;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    entry.users -= 1;
    if (entry.users > 0) return;
    clearTimeout(entry.idle);
    entry.idle = setTimeout(() => {
      if (entry.users > 0) return;
      if (shared === entry) shared = undefined;
      void entry.pusher.then((pusher) => pusher.disconnect()).catch(() => undefined);
    }, LINGER_MS);
  };
  try {
    return { pusher: await entry.pusher, release };
  } catch (error) {
    release();
    throw error;
  }
}
