"use client";

import { useMemo, useState } from "react";
import { channels } from "@/lib/realtime/channel-policy";
import { useSupportChannel, type SupportRealtime } from "./use-support-channel";

export interface OnlineAgent {
  id: string;
  name: string;
  role: string;
}

function toAgent(value: unknown): OnlineAgent | null {
  if (typeof value !== "object" || value === null) return null;
  const member = value as { id?: unknown; info?: unknown };
  if (typeof member.id !== "string") return null;
  const info = typeof member.info === "object" && member.info !== null ? (member.info as Record<string, unknown>) : {};
  return { id: member.id, name: typeof info.name === "string" && info.name ? info.name : "Agent", role: typeof info.role === "string" ? info.role : "" };
}

function hasEach(value: unknown): value is { each: (callback: (member: unknown) => void) => void } {
  return typeof value === "object" && value !== null && typeof (value as { each?: unknown }).each === "function";
}

/** Staff online now: the members of the `presence-agents` channel (joining it shows us online too). */
export function useAgentsPresence(realtime: SupportRealtime | null) {
  const [agents, setAgents] = useState<Map<string, OnlineAgent>>(new Map());
  const handlers = useMemo(
    () => ({
      "pusher:subscription_succeeded": (data: unknown) => {
        const next = new Map<string, OnlineAgent>();
        if (hasEach(data)) {
          data.each((member) => {
            const agent = toAgent(member);
            if (agent) next.set(agent.id, agent);
          });
        }
        setAgents(next);
      },
      "pusher:member_added": (data: unknown) => {
        const agent = toAgent(data);
        if (agent) setAgents((current) => new Map(current).set(agent.id, agent));
      },
      "pusher:member_removed": (data: unknown) => {
        const agent = toAgent(data);
        if (!agent) return;
        setAgents((current) => {
          const next = new Map(current);
          next.delete(agent.id);
          return next;
        });
      },
    }),
    [],
  );
  const { live } = useSupportChannel(realtime, channels.agents, handlers);
  const list = useMemo(() => [...agents.values()].sort((a, b) => a.name.localeCompare(b.name)), [agents]);
  return { agents: live === "live" ? list : [], live };
}
