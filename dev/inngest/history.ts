/**
 * In-memory run history served at `GET /runs` (JSON) and `GET /` (HTML). Times are clock time in
 * epoch ms (virtual time under `virtualTime: true`). Event *data* is not kept here, only id/name.
 */
import type { SerializedError } from "./schemas";

export type RunStatus =
  | "queued"
  | "running"
  | "sleeping"
  | "waiting"
  | "completed"
  | "failed"
  | "cancelled"
  | "skipped";

export type StepStatus = "running" | "sleeping" | "waiting" | "completed" | "failed";

export interface StepRecord {
  id: string;
  name: string;
  op: string;
  status: StepStatus;
  attempts: number;
  error?: { name: string; message: string };
  startedAt: number;
  endedAt?: number;
}

export interface RunRecord {
  id: string;
  functionId: string;
  functionName: string;
  appId: string;
  trigger: "event" | "cron" | "invoke";
  event: { id: string; name: string };
  parentRunId?: string;
  status: RunStatus;
  skippedReason?: string;
  queuedAt: number;
  startedAt?: number;
  endedAt?: number;
  /** Requests sent to the app for this run (discovery + step requests). */
  requests: number;
  /** Attempts of the run-level (non-step) request that ended the run: 1 = no retry. */
  attempts: number;
  sdkVersion?: number;
  steps: StepRecord[];
  output?: unknown;
  error?: SerializedError;
}

export const TERMINAL: readonly RunStatus[] = ["completed", "failed", "cancelled", "skipped"];

export class RunHistory {
  private readonly records = new Map<string, RunRecord>();

  constructor(private readonly limit = 2_000) {}

  add(record: RunRecord): RunRecord {
    this.records.set(record.id, record);
    if (this.records.size > this.limit) {
      for (const [id, r] of this.records) {
        if (TERMINAL.includes(r.status)) {
          this.records.delete(id);
          break;
        }
      }
    }
    return record;
  }

  get(id: string): RunRecord | undefined {
    const record = this.records.get(id);
    return record ? structuredClone(record) : undefined;
  }

  /** Snapshot copies, oldest first. */
  list(): RunRecord[] {
    return [...this.records.values()].map((r) => structuredClone(r));
  }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function time(ms: number | undefined): string {
  return ms === undefined ? "" : new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

export function renderHistoryHtml(runs: RunRecord[], meta: { now: number; virtual: boolean; apps: string[] }): string {
  const rows = [...runs]
    .reverse()
    .map((run) => {
      const steps = run.steps
        .map(
          (s) =>
            `<li><code>${escapeHtml(s.op)}</code> ${escapeHtml(s.name)} — ${escapeHtml(s.status)}, ${s.attempts} attempt(s)${
              s.error ? ` — <span class="err">${escapeHtml(`${s.error.name}: ${s.error.message}`)}</span>` : ""
            }</li>`,
        )
        .join("");
      const result =
        run.error !== undefined
          ? `<span class="err">${escapeHtml(`${run.error.name}: ${run.error.message}`)}</span>`
          : run.output !== undefined
            ? `<code>${escapeHtml((JSON.stringify(run.output) ?? "null").slice(0, 500))}</code>`
            : "";
      return `<tr class="${escapeHtml(run.status)}"><td><code>${escapeHtml(run.id)}</code></td><td>${escapeHtml(
        run.functionId,
      )}</td><td>${escapeHtml(run.event.name)}</td><td>${escapeHtml(run.status)}${
        run.skippedReason ? ` (${escapeHtml(run.skippedReason)})` : ""
      }</td><td>${time(run.startedAt ?? run.queuedAt)}</td><td>${time(run.endedAt)}</td><td><ul>${steps}</ul></td><td>${result}</td></tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Inngest executor (local)</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}ul{margin:0;padding-left:1rem}.err{color:#b00}.failed td{background:#fff4f4}.completed td:nth-child(4){color:#070}</style>
</head><body>
<h1>Local Inngest executor</h1>
<p>Clock: ${time(meta.now)}${meta.virtual ? " (virtual)" : ""} · Apps: ${meta.apps.map(escapeHtml).join(", ") || "none synced"} · <a href="/runs">/runs JSON</a></p>
<table><thead><tr><th>Run</th><th>Function</th><th>Event</th><th>Status</th><th>Started</th><th>Ended</th><th>Steps</th><th>Output / error</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="8">No runs yet.</td></tr>'}
</tbody></table></body></html>`;
}
