import { env } from "@/lib/env";
import { probe, type ComponentStatus } from "./types";

const INNGEST_CLOUD_API = "https://api.inngest.com";

/** Any HTTP answer from the event API host counts as reachable; only a network failure is "down". */
export function checkInngest(): Promise<ComponentStatus> {
  const base = env.INNGEST_BASE_URL ?? INNGEST_CLOUD_API;
  return probe(async (signal) => {
    const response = await fetch(new URL("/", base), { signal, cache: "no-store" });
    await response.body?.cancel();
    if (response.status >= 500) throw new Error(`answered ${response.status}`);
    return env.INNGEST_BASE_URL ? "dev server" : "cloud";
  });
}
