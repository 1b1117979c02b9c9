import { can, isStaff, readsWholeOrganisation, type Actor } from "@/lib/auth/permissions";
import type { ChannelAccessDecision } from "./authorize-channel";

/** Channel names the app uses; one place so senders and the policy agree. */
export const channels = {
  /** One user's own: in-app notifications, and status events for the enquiries they requested. */
  user: (userId: string) => `private-user-${userId}`,
  /**
   * Status events for every enquiry of an organisation, for the members who may read all of them
   * (its Property Managers). A Landlord hears only of their own enquiries, on their user channel.
   */
  organisationManagers: (organisationId: string) => `private-org-${organisationId}-managers`,
  agents: "presence-agents",
  /** One conversation: its requester and staff. Messages, status, read markers and typing. */
  supportConversation: (conversationId: string) => `private-support-conversation-${conversationId}`,
  /** Every conversation's changes, for the staff inbox (internal notes included). */
  supportInbox: "private-support-inbox",
} as const;

/** Whether `actor` may follow their organisation's managers channel: a customer who reads every enquiry of it. */
export function followsOrganisationManagers(actor: Pick<Actor, "role">): boolean {
  return !isStaff(actor.role) && can(actor, "enquiry:read") && readsWholeOrganisation(actor.role);
}

/**
 * The channels on which `actor` hears `enquiry.status` events, all about enquiries they may read: their
 * own user channel (enquiries they requested), and the managers channel when they read the whole
 * organisation's. The pages subscribe to exactly these; publishStatus sends to the same two kinds.
 */
export function enquiryStatusChannelsFor(actor: Pick<Actor, "userId" | "organisationId" | "role">): string[] {
  return followsOrganisationManagers(actor) ? [channels.user(actor.userId), channels.organisationManagers(actor.organisationId)] : [channels.user(actor.userId)];
}

const SUPPORT_CONVERSATION_CHANNEL = /^private-support-conversation-([0-9a-f-]{36})$/;

/** The conversation id in a support conversation channel's name, if it is one. */
export function supportConversationIdOf(channelName: string): string | undefined {
  return SUPPORT_CONVERSATION_CHANNEL.exec(channelName)?.[1];
}

/**
 * Who may subscribe to what: your own user channel, your own organisation's managers channel if your
 * role reads every enquiry of the organisation (the same rule as `canAccess`: Property Managers, never
 * Landlords or staff), the agents' presence channel and the support inbox for staff, and a support
 * conversation for its requester and staff (the caller looks the conversation up and passes it).
 * Anything else is refused, including channels of other users or organisations.
 */
export function decideChannelAccess(actor: Actor, channelName: string, displayName: string, supportConversation?: { requesterId: string }): ChannelAccessDecision {
  if (channelName === channels.user(actor.userId)) return { allow: true };
  if (channelName === channels.supportInbox) return isStaff(actor.role) ? { allow: true } : { allow: false };
  if (supportConversationIdOf(channelName) !== undefined) {
    // A conversation is its requester's and staff's; nobody else's, not even their Property Manager.
    if (!supportConversation) return { allow: false };
    return isStaff(actor.role) || supportConversation.requesterId === actor.userId ? { allow: true } : { allow: false };
  }
  if (channelName === channels.organisationManagers(actor.organisationId)) {
    return followsOrganisationManagers(actor) ? { allow: true } : { allow: false };
  }
  if (channelName === channels.agents && isStaff(actor.role)) {
    return { allow: true, presence: { userId: actor.userId, userInfo: { name: displayName, role: actor.role } } };
  }
  return { allow: false };
}
