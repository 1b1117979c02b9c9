import type { Options } from "pusher-js";
import type { Actor } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { channels, enquiryStatusChannelsFor } from "@/lib/realtime/channel-policy";
import { pusherClientOptions } from "@/lib/realtime/pusher-config";
import type { ChannelConfig } from "@/lib/ui/use-channel-event";
import type { EnquiryStatusChannels } from "@/lib/ui/use-enquiry-status-channels";

/**
 * Server side: the channels on which the signed-in actor's enquiry pages hear status events (their own
 * user channel, plus the organisation's managers channel for a Property Manager, decided here from the
 * role rather than guessed in the browser), or null when live updates are not configured (no public
 * key), in which case the pages poll instead.
 */
export function enquiryStatusChannelsConfig(actor: Pick<Actor, "userId" | "organisationId" | "role">): EnquiryStatusChannels | null {
  const connection = connectionConfig();
  return connection ? { ...connection, channels: enquiryStatusChannelsFor(actor) } : null;
}

/** The signed-in user's own channel (`private-user-<userId>`): in-app notifications arrive there. */
export function userChannelConfig(userId: string): ChannelConfig | null {
  const connection = connectionConfig();
  return connection ? { ...connection, channels: [channels.user(userId)] } : null;
}

function connectionConfig(): { key: string; options: Options } | null {
  const key = env.NEXT_PUBLIC_PUSHER_KEY;
  if (!key) return null;
  try {
    const options = pusherClientOptions(
      {
        NEXT_PUBLIC_PUSHER_KEY: key,
        NEXT_PUBLIC_PUSHER_HOST: env.NEXT_PUBLIC_PUSHER_HOST,
        NEXT_PUBLIC_PUSHER_PORT: env.NEXT_PUBLIC_PUSHER_PORT,
        NEXT_PUBLIC_PUSHER_CLUSTER: env.NEXT_PUBLIC_PUSHER_CLUSTER,
        NEXT_PUBLIC_PUSHER_FORCE_TLS: env.NEXT_PUBLIC_PUSHER_FORCE_TLS,
      },
      "/api/realtime/auth",
    );
    return { key, options };
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : "unknown" }, "live updates misconfigured; pages poll instead");
    return null;
  }
}
