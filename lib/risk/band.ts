/** Score to band: LOW 80-100, MODERATE 60-79, HIGH 40-59, VERY_HIGH 0-39. */
import type { RiskBand } from "./types";
import { BAND_MIN_SCORE } from "./weights";

export function bandFor(score: number): RiskBand {
  if (score >= BAND_MIN_SCORE.LOW) return "LOW";
  if (score >= BAND_MIN_SCORE.MODERATE) return "MODERATE";
  if (score >= BAND_MIN_SCORE.HIGH) return "HIGH";
  return "VERY_HIGH";
}

/** 0 for LOW up to 3 for VERY_HIGH: a higher rank is a worse band. */
export function bandRank(band: RiskBand): number {
  return { LOW: 0, MODERATE: 1, HIGH: 2, VERY_HIGH: 3 }[band];
}

export const BAND_LABELS: Record<RiskBand, string> = {
  LOW: "Low risk",
  MODERATE: "Moderate risk",
  HIGH: "High risk",
  VERY_HIGH: "Very high risk",
};
