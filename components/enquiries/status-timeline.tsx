import { Check, Circle, LoaderCircle, X } from "lucide-react";
import type { EnquiryStatus } from "@/db/schema";
import { cn } from "@/lib/ui/cn";

export interface TimelineEvent {
  status: EnquiryStatus;
  message: string;
  at: string;
}

interface StepDefinition {
  key: string;
  title: string;
  /** The statuses that belong to this step (rendering is the last part of the assessment). */
  statuses: readonly EnquiryStatus[];
}

const CONSENT_STEP: StepDefinition = { key: "consent", title: "Applicant's consent", statuses: ["awaiting_consent"] };
const STEPS: readonly StepDefinition[] = [
  { key: "queued", title: "Queued for TPN", statuses: ["queued"] },
  { key: "fetching", title: "Requesting the TPN record", statuses: ["fetching"] },
  { key: "scoring", title: "Assessing the risk", statuses: ["scoring", "rendering"] },
  { key: "ready", title: "Report ready", statuses: ["ready"] },
];

/** Steps can be seconds apart, so the timeline shows seconds (in SA time, like every date in the app). */
const stepTime = new Intl.DateTimeFormat("en-ZA", { dateStyle: "medium", timeStyle: "medium", timeZone: "Africa/Johannesburg" });

type StepState = "done" | "current" | "stopped" | "upcoming" | "skipped";

export interface TimelineStep {
  key: string;
  title: string;
  state: StepState;
  at?: string;
  message?: string;
}

/**
 * The workflow as steps. A running enquiry has one current step; a failed or expired one is marked
 * stopped at the step it had reached, and the steps after it were never run.
 */
export function timelineSteps(status: EnquiryStatus, timeline: readonly TimelineEvent[], askedApplicant: boolean): TimelineStep[] {
  const final = timeline.at(-1);
  const definitions = askedApplicant || status === "awaiting_consent" || timeline.some((event) => event.status === "awaiting_consent") ? [CONSENT_STEP, ...STEPS] : [...STEPS];
  const indexOf = (value: EnquiryStatus) => definitions.findIndex((step) => step.statuses.includes(value));
  const stopped = status === "failed" || status === "expired";
  let reached = indexOf(status);
  if (stopped) {
    const lastRunning = [...timeline].reverse().find((event) => indexOf(event.status) >= 0);
    reached = lastRunning ? indexOf(lastRunning.status) : 0;
  }
  return definitions.map((step, index) => {
    const events = timeline.filter((event) => step.statuses.includes(event.status));
    const first = events[0];
    const last = events.at(-1);
    let state: StepState;
    if (status === "ready" || index < reached) state = "done";
    else if (index === reached) state = stopped ? "stopped" : "current";
    else state = stopped ? "skipped" : "upcoming";
    const message = state === "current" ? last?.message : state === "stopped" ? final?.message : undefined;
    // A finished consent step is dated when consent arrived (the enquiry was queued), not when it was asked for.
    const at = step === CONSENT_STEP && state === "done" ? (timeline.find((event) => event.status === "queued")?.at ?? first?.at) : first?.at;
    return { key: step.key, title: step.title, state, at, message };
  });
}

const ICON_STYLES: Record<StepState, string> = {
  done: "border-primary bg-primary text-primary-foreground",
  current: "border-primary bg-background text-primary",
  stopped: "border-red-600 bg-red-600 text-white",
  upcoming: "border-border bg-background text-muted-foreground",
  skipped: "border-border bg-muted text-muted-foreground",
};

const STATE_LABELS: Record<StepState, string> = {
  done: "done",
  current: "in progress",
  stopped: "stopped here",
  upcoming: "not started",
  skipped: "not run",
};

/** Vertical steps with the time each one started; the current one says what is happening now. */
export function StatusTimeline({ steps }: { steps: TimelineStep[] }) {
  return (
    <ol aria-label="Progress" className="flex flex-col">
      {steps.map((step, index) => {
        const last = index === steps.length - 1;
        return (
          <li key={step.key} data-step={step.key} data-state={step.state} aria-current={step.state === "current" ? "step" : undefined} className="relative flex gap-3 pb-6 last:pb-0">
            {last ? null : (
              <span aria-hidden className={cn("absolute left-[0.9375rem] top-8 -bottom-0 w-0.5", step.state === "done" ? "bg-primary" : "bg-border")} />
            )}
            <span aria-hidden className={cn("relative z-10 flex size-8 shrink-0 items-center justify-center rounded-full border-2", ICON_STYLES[step.state])}>
              {step.state === "done" ? (
                <Check className="size-4" />
              ) : step.state === "current" ? (
                <LoaderCircle className="size-4 animate-spin" />
              ) : step.state === "stopped" ? (
                <X className="size-4" />
              ) : (
                <Circle className="size-2.5" />
              )}
            </span>
            <div className="min-w-0 flex-1 pt-1">
              <p className={cn("text-sm font-medium", step.state === "upcoming" || step.state === "skipped" ? "text-muted-foreground" : "text-foreground", step.state === "stopped" && "text-red-800")}>
                {step.title}
                <span className="sr-only">: {STATE_LABELS[step.state]}</span>
              </p>
              {step.at && step.state !== "upcoming" ? (
                <p className="text-xs text-muted-foreground">
                  <time dateTime={step.at}>{stepTime.format(new Date(step.at))}</time>
                </p>
              ) : null}
              {step.message ? <p className={cn("mt-1 text-sm", step.state === "stopped" ? "text-red-800" : "text-muted-foreground")}>{step.message}</p> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
