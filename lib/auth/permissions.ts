import type { UserRole } from "@/db/schema";

/** Who is acting, as established by the session or API token and re-checked against the database. */
export interface Actor {
  userId: string;
  organisationId: string;
  role: UserRole;
  via: "session" | "api-token" | "whatsapp";
  tokenId?: string;
  /** The browser session (user_sessions.id) when signed in with a session cookie. */
  sessionId?: string;
}

export const ACTIONS = [
  "account:manage-own",
  "token:manage-own",
  "enquiry:create",
  "enquiry:read",
  "report:read",
  "report:download",
  "report:decide",
  "org:read-members",
  "org:manage-members",
  "org:manage-settings",
  "support:converse",
  "whatsapp:link",
  "support:participate",
  "support:reply",
  "support:manage-canned-replies",
  "support:view-stats",
  "audit:read",
  "user:manage",
  "org:manage-all",
  "privacy:handle-requests",
] as const;
export type Action = (typeof ACTIONS)[number];

const CUSTOMER: Action[] = [
  "account:manage-own",
  "token:manage-own",
  "enquiry:create",
  "enquiry:read",
  "report:read",
  "report:download",
  "report:decide",
  "org:read-members",
  "support:converse",
  "support:participate",
  "whatsapp:link",
];

/** What each role may do at all; which records it may do it to is decided by `canAccess` below. */
export const ROLE_PERMISSIONS: Record<UserRole, ReadonlySet<Action>> = {
  landlord: new Set(CUSTOMER),
  property_manager: new Set<Action>([...CUSTOMER, "org:manage-members", "org:manage-settings"]),
  support_agent: new Set<Action>(["account:manage-own", "support:participate", "support:reply"]),
  admin: new Set<Action>([
    "account:manage-own",
    "support:participate",
    "support:reply",
    "support:manage-canned-replies",
    "support:view-stats",
    "audit:read",
    "user:manage",
    "org:manage-all",
    "privacy:handle-requests",
  ]),
};

export function can(actor: Pick<Actor, "role">, action: Action): boolean {
  return ROLE_PERMISSIONS[actor.role].has(action);
}

/** A customer record: belongs to an organisation and was created by one of its members. */
export interface OwnedResource {
  organisationId: string;
  ownerUserId: string | null;
}

/**
 * Record-level rule for customer data: same organisation always; inside an agency a Landlord sees only
 * their own records while the Property Manager sees all. Staff never read customer records this way.
 */
export function canAccess(actor: Actor, action: Action, resource: OwnedResource): boolean {
  if (!can(actor, action)) return false;
  if (actor.role === "admin" || actor.role === "support_agent") return false;
  if (resource.organisationId !== actor.organisationId) return false;
  if (readsWholeOrganisation(actor.role)) return true;
  return resource.ownerUserId === actor.userId;
}

/**
 * Customer roles that read every record of their organisation (a Property Manager), not only their
 * own. `canAccess` and the managers' live-update channel (lib/realtime/channel-policy.ts) both use it.
 */
export function readsWholeOrganisation(role: UserRole): boolean {
  return role === "property_manager";
}

export function isStaff(role: UserRole): boolean {
  return role === "admin" || role === "support_agent";
}

/** Staff must have MFA enrolled before they can do anything but enrol it. */
export function requiresMfa(role: UserRole): boolean {
  return isStaff(role);
}
