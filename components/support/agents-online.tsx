import { Users } from "lucide-react";
import { ROLE_LABELS } from "@/components/format";
import type { LiveState } from "@/lib/ui/use-channel-event";
import type { OnlineAgent } from "./use-agents-presence";

function roleText(role: string) {
  return role in ROLE_LABELS ? ROLE_LABELS[role as keyof typeof ROLE_LABELS] : role;
}

/** "Agents online": the presence channel's members, with a green dot each. */
export function AgentsOnline({ agents, live }: { agents: OnlineAgent[]; live: LiveState }) {
  return (
    <section aria-labelledby="agents-online-heading" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="agents-online">
      <h2 id="agents-online-heading" className="flex items-center gap-1.5 font-medium text-muted-foreground">
        <Users aria-hidden className="size-4" /> Agents online
      </h2>
      {live !== "live" ? (
        <p className="text-xs text-muted-foreground">{live === "off" ? "Live presence is not configured." : live === "connecting" ? "Connecting…" : "Unavailable right now."}</p>
      ) : agents.length === 0 ? (
        <p className="text-xs text-muted-foreground">Nobody</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5">
          {agents.map((agent) => (
            <li key={agent.id} className="inline-flex items-center gap-1.5 rounded-full border border-border bg-card px-2 py-0.5 text-xs" title={roleText(agent.role)}>
              <span aria-hidden className="size-2 rounded-full bg-emerald-500" />
              {agent.name}
              <span className="sr-only">, {roleText(agent.role)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
