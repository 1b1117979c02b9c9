import type * as AppFixtures from "./app-fixtures";
import type { RouteModule } from "./route-server";
import type { CannedReplyDto, ConversationDto, MessageDto, SharedReportDto, SupportStatsDto } from "@/lib/support/dto";

/**
 * The support API as the widget and the inbox call it: each helper calls the real route handler as
 * one fixture user (session cookie, same-origin), and hands back the status and the parsed body.
 * App modules are imported in `loadSupportApi`, so callers stub the env first.
 */

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  /** The JSON body; `undefined` for an empty or non-JSON body. */
  body: T;
}

export interface StartBody {
  id: string;
  conversation: ConversationDto;
  message: MessageDto;
}

type User = AppFixtures.FixtureUser;
type Method = keyof RouteModule;

export interface UploadFile {
  bytes: Uint8Array;
  name: string;
  /** What the browser claims; the app must not believe it. */
  type?: string;
}

export interface SupportApi {
  routes: Record<
    | "conversations"
    | "conversation"
    | "messages"
    | "read"
    | "rating"
    | "attachments"
    | "attachment"
    | "sharedReports"
    | "sharedReport"
    | "cannedReplies"
    | "cannedReply"
    | "stats"
    | "report",
    RouteModule
  >;
  call<T>(route: RouteModule, method: Method, path: string, options?: { user?: User; body?: unknown; params?: Record<string, string> }): Promise<Answer<T>>;
  start(user: User, message: unknown): Promise<Answer<StartBody>>;
  list(user: User, query?: string): Promise<Answer<{ conversations: ConversationDto[] }>>;
  get(user: User, id: string): Promise<Answer<{ conversation: ConversationDto; sharedReports: SharedReportDto[] }>>;
  messages(user: User, id: string): Promise<Answer<{ messages: MessageDto[] }>>;
  post(user: User, id: string, body: unknown, internal?: boolean): Promise<Answer<{ message: MessageDto }>>;
  markRead(user: User, id: string): Promise<Answer<undefined>>;
  update(user: User, id: string, body: unknown): Promise<Answer<{ conversation: ConversationDto }>>;
  rate(user: User, id: string, rating: unknown): Promise<Answer<{ conversation: ConversationDto }>>;
  upload(user: User, id: string, file: UploadFile, caption?: string): Promise<Answer<{ message: MessageDto }>>;
  download(user: User, attachmentId: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }>;
  share(user: User, id: string, enquiryId: string): Promise<Answer<{ enquiryId: string }>>;
  unshare(user: User, id: string, enquiryId: string): Promise<Answer<undefined>>;
  sharedReport(user: User, id: string, enquiryId: string): Promise<Answer<Record<string, unknown>>>;
  report(user: User, enquiryId: string): Promise<Answer<Record<string, unknown>>>;
  cannedReplies(user: User): Promise<Answer<{ cannedReplies: CannedReplyDto[] }>>;
  createCannedReply(user: User, body: unknown): Promise<Answer<{ cannedReply: CannedReplyDto }>>;
  updateCannedReply(user: User, id: string, body: unknown): Promise<Answer<{ cannedReply: CannedReplyDto }>>;
  archiveCannedReply(user: User, id: string): Promise<Answer<undefined>>;
  stats(user: User): Promise<Answer<SupportStatsDto>>;
}

let ipCounter = 0;

async function answer<T>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  const isJson = (response.headers.get("content-type") ?? "").includes("json") && text !== "";
  return { status: response.status, headers: response.headers, body: (isJson ? JSON.parse(text) : undefined) as T };
}

/** Loads the support routes (after the caller's env stubs) and binds them to callers. */
export async function loadSupportApi(fixtures: typeof AppFixtures): Promise<SupportApi> {
  const routes: SupportApi["routes"] = {
    conversations: await import("@/app/api/support/conversations/route"),
    conversation: await import("@/app/api/support/conversations/[id]/route"),
    messages: await import("@/app/api/support/conversations/[id]/messages/route"),
    read: await import("@/app/api/support/conversations/[id]/read/route"),
    rating: await import("@/app/api/support/conversations/[id]/rating/route"),
    attachments: await import("@/app/api/support/conversations/[id]/attachments/route"),
    attachment: await import("@/app/api/support/attachments/[id]/route"),
    sharedReports: await import("@/app/api/support/conversations/[id]/shared-reports/route"),
    sharedReport: await import("@/app/api/support/conversations/[id]/shared-reports/[enquiryId]/route"),
    cannedReplies: await import("@/app/api/support/canned-replies/route"),
    cannedReply: await import("@/app/api/support/canned-replies/[id]/route"),
    stats: await import("@/app/api/support/stats/route"),
    report: await import("@/app/api/reports/[id]/route"),
  };

  async function raw(route: RouteModule, method: Method, path: string, options: { user?: User; body?: unknown; params?: Record<string, string> } = {}): Promise<Response> {
    const handler = route[method];
    if (!handler) throw new Error(`no ${method} handler for ${path}`);
    const cookie = options.user ? await fixtures.sessionCookie(options.user) : undefined;
    return fixtures.callRoute(handler, fixtures.apiRequest(path, { method, cookie, body: options.body }), options.params ?? {});
  }

  const call: SupportApi["call"] = async (route, method, path, options) => answer(await raw(route, method, path, options));
  const conversationPath = (id: string, rest = "") => `/api/support/conversations/${id}${rest}`;

  return {
    routes,
    call,
    start: (user, message) => call(routes.conversations, "POST", "/api/support/conversations", { user, body: typeof message === "string" ? { message } : message }),
    list: (user, query = "") => call(routes.conversations, "GET", `/api/support/conversations${query}`, { user }),
    get: (user, id) => call(routes.conversation, "GET", conversationPath(id), { user, params: { id } }),
    messages: (user, id) => call(routes.messages, "GET", conversationPath(id, "/messages"), { user, params: { id } }),
    post: (user, id, body, internal) =>
      call(routes.messages, "POST", conversationPath(id, "/messages"), { user, params: { id }, body: typeof body === "string" ? { body, ...(internal === undefined ? {} : { internal }) } : body }),
    markRead: (user, id) => call(routes.read, "POST", conversationPath(id, "/read"), { user, params: { id } }),
    update: (user, id, body) => call(routes.conversation, "PATCH", conversationPath(id), { user, params: { id }, body }),
    rate: (user, id, rating) => call(routes.rating, "POST", conversationPath(id, "/rating"), { user, params: { id }, body: { rating } }),
    async upload(user, id, file, caption) {
      const handler = routes.attachments.POST;
      if (!handler) throw new Error("no upload handler");
      const form = new FormData();
      form.set("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
      if (caption !== undefined) form.set("message", caption);
      ipCounter += 1;
      // The browser's multipart request: Request sets the boundary in content-type itself.
      const request = new Request(new URL(conversationPath(id, "/attachments"), "http://localhost:3000"), {
        method: "POST",
        headers: { cookie: await fixtures.sessionCookie(user), "sec-fetch-site": "same-origin", "x-forwarded-for": `10.77.${(ipCounter >> 8) & 255}.${ipCounter & 255}` },
        body: form,
      });
      return answer(await fixtures.callRoute(handler, request, { id }));
    },
    async download(user, attachmentId) {
      const response = await raw(routes.attachment, "GET", `/api/support/attachments/${attachmentId}`, { user, params: { id: attachmentId } });
      return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
    },
    share: (user, id, enquiryId) => call(routes.sharedReports, "POST", conversationPath(id, "/shared-reports"), { user, params: { id }, body: { enquiryId } }),
    unshare: (user, id, enquiryId) => call(routes.sharedReport, "DELETE", conversationPath(id, `/shared-reports/${enquiryId}`), { user, params: { id, enquiryId } }),
    sharedReport: (user, id, enquiryId) => call(routes.sharedReport, "GET", conversationPath(id, `/shared-reports/${enquiryId}`), { user, params: { id, enquiryId } }),
    report: (user, enquiryId) => call(routes.report, "GET", `/api/reports/${enquiryId}`, { user, params: { id: enquiryId } }),
    cannedReplies: (user) => call(routes.cannedReplies, "GET", "/api/support/canned-replies", { user }),
    createCannedReply: (user, body) => call(routes.cannedReplies, "POST", "/api/support/canned-replies", { user, body }),
    updateCannedReply: (user, id, body) => call(routes.cannedReply, "PATCH", `/api/support/canned-replies/${id}`, { user, params: { id }, body }),
    archiveCannedReply: (user, id) => call(routes.cannedReply, "DELETE", `/api/support/canned-replies/${id}`, { user, params: { id } }),
    stats: (user) => call(routes.stats, "GET", "/api/support/stats", { user }),
  };
}

/** The error body of a failed call (throws when the call did not fail with a JSON error). */
export function errorOf(result: Answer<unknown>): ErrorBody["error"] {
  const body = result.body;
  if (typeof body !== "object" || body === null || !("error" in body)) throw new Error(`expected an error body, got ${result.status} ${JSON.stringify(body)}`);
  return (body as ErrorBody).error;
}
