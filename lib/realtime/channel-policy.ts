import { isStaff, type Actor } from "@/lib/auth/permissions";
import type { ChannelAccessDecision } from "./authorize-channel";

/** Channel names the app uses; one place so senders and the policy agree. */
export const channels = {
  user: (userId: string) => `private-user-${userId}`,
  organisation: (organisationId: string) => `private-org-${organisationId}`,
  agents: "presence-agents",
  /** One conversation: its requester and staff. Messages, status, read markers and typing. */
  supportConversation: (conversationId: string) => `private-support-conversation-${conversationId}`,
  /** Every conversation's changes, for the staff inbox (internal notes included). */
  supportInbox: "private-support-inbox",
} as const;

const SUPPORT_CONVERSATION_CHANNEL = /^private-support-conversation-([0-9a-f-]{36})$/;

/** The conversation id in a support conversation channel's name, if it is one. */
export function supportConversationIdOf(channelName: string): string | undefined {
  return SUPPORT_CONVERSATION_CHANNEL.exec(channelName)?.[1];
}

/**
 * Who may subscribe to what: your own user channel, your own organisation's channel (customers only;
 * staff never see customer activity this way), the agents' presence channel and the support inbox for
 * staff, and a support conversation for its requester and staff (the caller looks the conversation
 * up and passes it). Anything else is refused, including channels of other users or organisations.
 */
export function decideChannelAccess(actor: Actor, channelName: string, displayName: string, supportConversation?: { requesterId: string }): ChannelAccessDecision {
  if (channelName === channels.user(actor.userId)) return { allow: true };
  if (channelName === channels.supportInbox) return isStaff(actor.role) ? { allow: true } : { allow: false };
  if (supportConversationIdOf(channelName) !== undefined) {
    // A conversation is its requester's and staff's; nobody else's, not even their Property Manager.
    if (!supportConversation) return { allow: false };
    return isStaff(actor.role) || supportConversation.requesterId === actor.userId ? { allow: true } : { allow: false };
  }
  if (channelName === channels.organisation(actor.organisationId) && !isStaff(actor.role)) return { allow: true };
  if (channelName === channels.agents && isStaff(actor.role)) {
    return { allow: true, presence: { userId: actor.userId, userInfo: { name: displayName, role: actor.role } } };
  }
  return { allow: false };
}
