import { callApi, type ApiResult } from "@/components/forms/api";
import type { CannedReplyDto, ConversationDto, MessageDto, SharedReportDto, SupportStatsDto } from "@/lib/support/dto";
import type { SupportChannel, SupportStatus } from "@/db/schema";

/** Typed calls to the support API (same origin, never throw: failures come back as `{ ok: false }`). */

const BASE = "/api/support";

function conversationUrl(id: string, rest = "") {
  return `${BASE}/conversations/${encodeURIComponent(id)}${rest}`;
}

export type InboxScope = "mine" | "unassigned" | "all";

export interface ConversationFilter {
  scope?: InboxScope;
  status?: SupportStatus | "unresolved";
  channel?: SupportChannel;
  q?: string;
}

export function listConversations(filter: ConversationFilter = {}) {
  const params = new URLSearchParams();
  if (filter.scope) params.set("scope", filter.scope);
  if (filter.status) params.set("status", filter.status);
  if (filter.channel) params.set("channel", filter.channel);
  const q = filter.q?.trim();
  if (q) params.set("q", q);
  const query = params.toString();
  return callApi<{ conversations: ConversationDto[] }>(`${BASE}/conversations${query ? `?${query}` : ""}`, { method: "GET" });
}

export function startConversation(message: string) {
  return callApi<{ id: string; conversation: ConversationDto; message: MessageDto }>(`${BASE}/conversations`, { method: "POST", body: { message } });
}

export function getConversation(id: string) {
  return callApi<{ conversation: ConversationDto; sharedReports: SharedReportDto[] }>(conversationUrl(id), { method: "GET" });
}

export function listMessages(id: string) {
  return callApi<{ messages: MessageDto[] }>(conversationUrl(id, "/messages"), { method: "GET" });
}

export function sendMessage(id: string, body: string, internal = false) {
  return callApi<{ message: MessageDto }>(conversationUrl(id, "/messages"), { method: "POST", body: internal ? { body, internal: true } : { body } });
}

export function updateConversation(id: string, change: { status?: SupportStatus; assigneeId?: string | null }) {
  return callApi<{ conversation: ConversationDto }>(conversationUrl(id), { method: "PATCH", body: change });
}

export function markRead(id: string) {
  return callApi(conversationUrl(id, "/read"), { method: "POST" });
}

export function rateConversation(id: string, rating: number) {
  return callApi<{ conversation: ConversationDto }>(conversationUrl(id, "/rating"), { method: "POST", body: { rating } });
}

export function shareReport(id: string, enquiryId: string) {
  return callApi(conversationUrl(id, "/shared-reports"), { method: "POST", body: { enquiryId } });
}

export function unshareReport(id: string, enquiryId: string) {
  return callApi(conversationUrl(id, `/shared-reports/${encodeURIComponent(enquiryId)}`), { method: "DELETE" });
}

export function sharedReportUrl(id: string, enquiryId: string) {
  return conversationUrl(id, `/shared-reports/${encodeURIComponent(enquiryId)}`);
}

/** The in-app page that shows a report a customer shared (staff). */
export function sharedReportPage(id: string, enquiryId: string) {
  return `/support/conversations/${encodeURIComponent(id)}/reports/${encodeURIComponent(enquiryId)}`;
}

export function attachmentUrl(attachmentId: string) {
  return `${BASE}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** multipart/form-data upload: `file` and an optional `message`. */
export function uploadAttachment(id: string, file: File, message?: string): Promise<ApiResult<{ message: MessageDto }>> {
  const form = new FormData();
  form.set("file", file);
  if (message?.trim()) form.set("message", message.trim());
  return callApi<{ message: MessageDto }>(conversationUrl(id, "/attachments"), { method: "POST", body: form });
}

export function listCannedReplies() {
  return callApi<{ cannedReplies: CannedReplyDto[] }>(`${BASE}/canned-replies`, { method: "GET" });
}

export function createCannedReply(reply: { title: string; body: string }) {
  return callApi<{ cannedReply?: CannedReplyDto }>(`${BASE}/canned-replies`, { method: "POST", body: reply });
}

export function updateCannedReply(id: string, change: { title?: string; body?: string }) {
  return callApi<{ cannedReply?: CannedReplyDto }>(`${BASE}/canned-replies/${encodeURIComponent(id)}`, { method: "PATCH", body: change });
}

export function archiveCannedReply(id: string) {
  return callApi(`${BASE}/canned-replies/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function getStats() {
  return callApi<SupportStatsDto>(`${BASE}/stats`, { method: "GET" });
}

/** One of the user's enquiries as GET /api/enquiries lists it (only the fields the picker needs). */
export interface EnquiryOption {
  id: string;
  status: string;
  reference: string | null;
  name: string | null;
  identifier: string;
  createdAt: string;
}

export function listReadyEnquiries() {
  return callApi<{ items: EnquiryOption[] }>("/api/enquiries?status=ready&limit=50", { method: "GET" });
}
