/** Fraud alerts (e.g. SAFPS) on the applicant's identity: any alert is a hard stop. */
import type { ConsumerReport } from "@/lib/tpn/types";
import { formatMonth, words } from "../format";
import { reason, type FactorResult } from "../reason";
import { HARD_STOP_POINTS } from "../weights";

type FraudAlertType = NonNullable<ConsumerReport["fraudAlerts"]>[number]["type"];

/** Most serious first: the sentence describes the most serious alert present. */
const SENTENCES: [FraudAlertType, string][] = [
  ["IMPERSONATION", "A fraud alert says someone has impersonated the holder of this identity."],
  ["FRAUDULENT_APPLICATION", "A fraud alert records a fraudulent application made with this identity."],
  ["PROTECTIVE_REGISTRATION", "The holder of this identity has registered it as protected because it may be misused, for example after a lost or stolen ID."],
];

export function fraudFactor(report: ConsumerReport): FactorResult {
  const alerts = report.fraudAlerts ?? [];
  if (alerts.length === 0) return { factor: "FRAUD", reasons: [] };
  const first = SENTENCES.find(([type]) => alerts.some((alert) => alert.type === type))?.[1] ?? "A fraud alert is recorded against this identity.";
  const sentence = `${first} Confirm the applicant's identity in person before going any further.`;
  const evidence = alerts.map((alert) => `${alert.source} ${words(alert.type)} alert, ${formatMonth(alert.date)}`);
  return { factor: "FRAUD", reasons: [reason("FRAUD_ALERT", "HARD_STOP", sentence, evidence, HARD_STOP_POINTS)] };
}
