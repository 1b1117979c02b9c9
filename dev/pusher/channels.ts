/**
 * Channel registry of one app: who is subscribed where, and the presence rosters. Presence members are
 * keyed by user_id, so a user with several sockets on a channel counts once: `member_added` goes out
 * when their first socket joins, `member_removed` when their last socket leaves (the behaviour
 * pusher-js's Members class expects, node_modules/pusher-js/src/core/channels/members.ts).
 */
import { channelKind, memberAdded, memberRemoved, type ChannelKind, type PresenceMember } from "./protocol";

export interface SocketHandle {
  readonly id: string;
  send(frame: string): void;
}

interface Subscription {
  socket: SocketHandle;
  userId?: string;
}

interface PresenceUser {
  info: unknown;
  socketIds: Set<string>;
}

interface ChannelState {
  kind: ChannelKind;
  subscriptions: Map<string, Subscription>;
  users: Map<string, PresenceUser>;
}

export interface PresenceSnapshot {
  ids: string[];
  hash: Record<string, unknown>;
  count: number;
}

export interface ChannelInfo {
  occupied: boolean;
  subscription_count: number;
  user_count?: number;
}

export type SubscribeOutcome = { ok: true; alreadySubscribed: boolean } | { ok: false; reason: "presence_full" };

export const MAX_PRESENCE_MEMBERS = 100;

export class ChannelRegistry {
  private readonly channels = new Map<string, ChannelState>();

  subscribe(channel: string, socket: SocketHandle, member?: PresenceMember): SubscribeOutcome {
    const state = this.channels.get(channel) ?? {
      kind: channelKind(channel),
      subscriptions: new Map<string, Subscription>(),
      users: new Map<string, PresenceUser>(),
    };
    if (state.subscriptions.has(socket.id)) return { ok: true, alreadySubscribed: true };

    if (state.kind === "presence" && member !== undefined) {
      const existing = state.users.get(member.user_id);
      if (existing === undefined && state.users.size >= MAX_PRESENCE_MEMBERS) return { ok: false, reason: "presence_full" };
      if (existing === undefined) {
        this.sendAll(state, memberAdded(channel, member));
        state.users.set(member.user_id, { info: member.user_info, socketIds: new Set([socket.id]) });
      } else {
        existing.socketIds.add(socket.id);
      }
      state.subscriptions.set(socket.id, { socket, userId: member.user_id });
    } else {
      state.subscriptions.set(socket.id, { socket });
    }
    this.channels.set(channel, state);
    return { ok: true, alreadySubscribed: false };
  }

  /** Removes the socket; tells the remaining members when a presence user's last socket left. */
  unsubscribe(channel: string, socketId: string): boolean {
    const state = this.channels.get(channel);
    const subscription = state?.subscriptions.get(socketId);
    if (state === undefined || subscription === undefined) return false;
    state.subscriptions.delete(socketId);

    const userId = subscription.userId;
    if (userId !== undefined) {
      const user = state.users.get(userId);
      user?.socketIds.delete(socketId);
      if (user !== undefined && user.socketIds.size === 0) {
        state.users.delete(userId);
        this.sendAll(state, memberRemoved(channel, userId));
      }
    }
    if (state.subscriptions.size === 0) this.channels.delete(channel);
    return true;
  }

  isSubscribed(channel: string, socketId: string): boolean {
    return this.channels.get(channel)?.subscriptions.has(socketId) ?? false;
  }

  userIdOf(channel: string, socketId: string): string | undefined {
    return this.channels.get(channel)?.subscriptions.get(socketId)?.userId;
  }

  presence(channel: string): PresenceSnapshot {
    const users = this.channels.get(channel)?.users ?? new Map<string, PresenceUser>();
    const hash: Record<string, unknown> = {};
    for (const [id, user] of users) hash[id] = user.info ?? null;
    return { ids: [...users.keys()], hash, count: users.size };
  }

  /** Sends a frame to every subscriber of the channel except `exceptSocketId`; returns how many got it. */
  broadcast(channel: string, frame: string, exceptSocketId?: string): number {
    const state = this.channels.get(channel);
    return state === undefined ? 0 : this.sendAll(state, frame, exceptSocketId);
  }

  private sendAll(state: ChannelState, frame: string, exceptSocketId?: string): number {
    let sent = 0;
    for (const [socketId, subscription] of state.subscriptions) {
      if (socketId === exceptSocketId) continue;
      subscription.socket.send(frame);
      sent += 1;
    }
    return sent;
  }

  info(channel: string): ChannelInfo {
    const state = this.channels.get(channel);
    const subscriptionCount = state?.subscriptions.size ?? 0;
    const info: ChannelInfo = { occupied: subscriptionCount > 0, subscription_count: subscriptionCount };
    if (channelKind(channel) === "presence") info.user_count = state?.users.size ?? 0;
    return info;
  }

  /** Occupied channels, optionally filtered by name prefix. */
  occupied(prefix = ""): string[] {
    return [...this.channels.keys()].filter((name) => name.startsWith(prefix)).sort();
  }

  userIds(channel: string): string[] {
    return [...(this.channels.get(channel)?.users.keys() ?? [])];
  }
}
