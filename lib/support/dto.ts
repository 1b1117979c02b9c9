import type { SupportChannel, SupportStatus } from "@/db/schema";

/** What the support API returns; the widget and the inbox read these shapes. Dates are ISO strings. */
export interface ConversationDto {
  id: string;
  status: SupportStatus;
  channel: SupportChannel;
  createdAt: string;
  lastMessageAt: string;
  /** The first agent reply; until then the SLA timer runs from createdAt. */
  firstResponseAt: string | null;
  resolvedAt: string | null;
  rating: number | null;
  requester: { id: string; name: string; email: string; role: string; organisationName: string };
  assignee: { id: string; name: string } | null;
  /** Messages from the other side the caller has not read yet. */
  unreadCount: number;
  /** The last public message, cut to 120 characters. */
  lastMessagePreview: string | null;
}

export type MessageState = "sent" | "delivered" | "read" | "failed";

export interface MessageDto {
  id: string;
  conversationId: string;
  author: "requester" | "agent" | "system";
  authorName: string;
  /** "internal" notes are only ever shown to staff. */
  visibility: "public" | "internal";
  channel: SupportChannel;
  body: string;
  attachment: { id: string; filename: string; mimeType: string; bytes: number } | null;
  createdAt: string;
  state: MessageState;
}

export interface SharedReportDto {
  enquiryId: string;
  reference: string | null;
  sharedAt: string;
}

export interface CannedReplyDto {
  id: string;
  title: string;
  body: string;
}

export interface SupportStatsDto {
  openConversations: number;
  pendingConversations: number;
  unassignedConversations: number;
  medianFirstResponseSeconds: number | null;
  averageRating: number | null;
  ratings: number;
}

/** Pusher events of the support channels: ids only; clients fetch the rest through the API. */
export const SUPPORT_EVENTS = {
  messageCreated: "message.created",
  conversationUpdated: "conversation.updated",
  conversationRead: "conversation.read",
  /** A message's delivery state moved (a WhatsApp status callback): refetch the thread. */
  messageUpdated: "message.updated",
  /** Client event (pusher-js `trigger`) relayed between participants: { side, name }. */
  typing: "client-typing",
} as const;

export interface MessageCreatedEvent {
  conversationId: string;
  messageId: string;
  visibility: "public" | "internal";
}
export interface MessageUpdatedEvent {
  conversationId: string;
  messageId: string;
}
export interface ConversationUpdatedEvent {
  conversationId: string;
  status: SupportStatus;
  assigneeId: string | null;
}
export interface ConversationReadEvent {
  conversationId: string;
  side: "requester" | "agent";
  at: string;
}
export interface TypingEvent {
  side: "requester" | "agent";
  name: string;
}
