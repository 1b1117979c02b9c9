import { getPusher } from "@/lib/realtime/pusher-server";
import { probe, type ComponentStatus } from "./types";

/** A signed REST call: proves the endpoint answers and that our credentials are accepted. */
export async function checkPusher(): Promise<ComponentStatus> {
  const pusher = getPusher();
  if (!pusher) return { status: "not_configured", detail: "PUSHER_APP_ID/PUSHER_KEY/PUSHER_SECRET not set" };
  return probe(async () => {
    const response = await pusher.get({ path: "/channels" });
    if (response.status !== 200) throw new Error(`answered ${response.status}`);
  });
}
