import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { channels } from "@/lib/realtime/channel-policy";
import { pusherClientOptions } from "@/lib/realtime/pusher-config";
import type { OrganisationChannelConfig } from "@/lib/ui/use-organisation-channel";

/**
 * Server side: what the browser needs to follow its organisation's channel, or null when live updates
 * are not configured (no public key), in which case the pages poll instead.
 */
export function organisationChannelConfig(organisationId: string): OrganisationChannelConfig | null {
  return channelConfig(channels.organisation(organisationId));
}

/** The signed-in user's own channel (`private-user-<userId>`): in-app notifications arrive there. */
export function userChannelConfig(userId: string): OrganisationChannelConfig | null {
  return channelConfig(channels.user(userId));
}

function channelConfig(channel: string): OrganisationChannelConfig | null {
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
    return { key, options, channel };
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : "unknown" }, "live updates misconfigured; pages poll instead");
    return null;
  }
}
