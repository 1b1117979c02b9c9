/** Directors of a company who have adverse records of their own (names and ID digits are never quoted). */
import type { CommercialReport } from "@/lib/tpn/types";
import { formatMonth } from "../format";
import { reason, type FactorResult } from "../reason";
import { ADVERSE_DIRECTOR_POINTS } from "../weights";

type Director = NonNullable<CommercialReport["directors"]>[number];

export function directorsFactor(directors: readonly Director[]): FactorResult {
  const adverse = directors.filter((director) => director.adverse === true);
  if (adverse.length === 0) return { factor: "DIRECTORS", reasons: [] };
  const sentence =
    directors.length === 1
      ? "The company's only director has adverse credit records of their own."
      : `${adverse.length} of the company's ${directors.length} directors ${adverse.length === 1 ? "has" : "have"} adverse credit records of their own.`;
  const evidence = adverse.map((director) =>
    director.appointedAt ? `Director appointed ${formatMonth(director.appointedAt)}: adverse records` : "Director: adverse records",
  );
  const deducted = Math.min(ADVERSE_DIRECTOR_POINTS.cap, adverse.length * ADVERSE_DIRECTOR_POINTS.each);
  return { factor: "DIRECTORS", reasons: [reason("ADVERSE_DIRECTOR", "MEDIUM", sentence, evidence, deducted)] };
}
