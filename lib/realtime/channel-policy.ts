import { isStaff, type Actor } from "@/lib/auth/permissions";
import type { ChannelAccessDecision } from "./authorize-channel";

/** Channel names the app uses; one place so senders and the policy agree. */
export const channels = {
  user: (userId: string) => `private-user-${userId}`,
  organisation: (organisationId: string) => `private-org-${organisationId}`,
  agents: "presence-agents",
} as const;

/**
 * Who may subscribe to what: your own user channel, your own organisation's channel (customers only;
 * staff never see customer activity this way), and the agents' presence channel for staff. Anything
 * else is refused, including channels of other users or organisations.
 */
export function decideChannelAccess(actor: Actor, channelName: string, displayName: string): ChannelAccessDecision {
  if (channelName === channels.user(actor.userId)) return { allow: true };
  if (channelName === channels.organisation(actor.organisationId) && !isStaff(actor.role)) return { allow: true };
  if (channelName === channels.agents && isStaff(actor.role)) {
    return { allow: true, presence: { userId: actor.userId, userInfo: { name: displayName, role: actor.role } } };
  }
  return { allow: false };
}
