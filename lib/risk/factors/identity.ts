/** ID verification against the population register (Home Affairs), codes V0-V4 of the TPN contract. */
import type { ConsumerReport } from "@/lib/tpn/types";
import { reason, type FactorResult } from "../reason";
import { HARD_STOP_POINTS, ID_VERIFICATION_PENDING_POINTS } from "../weights";

type VerificationCode = NonNullable<NonNullable<ConsumerReport["subject"]>["idVerification"]>["code"];

/** The meaning of each code, as the contract states it. */
export const ID_VERIFICATION_MEANINGS: Record<VerificationCode, string> = {
  V0: "verified",
  V1: "ID number never issued",
  V2: "not yet verified",
  V3: "surname mismatch",
  V4: "deceased",
};

const CONFIRM = "Confirm the applicant's identity before going any further.";

export function identityFactor(report: ConsumerReport): FactorResult {
  const code = report.subject?.idVerification?.code;
  const evidence = code ? [`ID verification: ${code} (${ID_VERIFICATION_MEANINGS[code]})`] : ["ID verification: no result"];
  switch (code) {
    case "V0":
      return { factor: "IDENTITY", reasons: [] };
    case "V1":
      return {
        factor: "IDENTITY",
        reasons: [reason("ID_NOT_VERIFIED", "HARD_STOP", `Home Affairs has no record of this ID number ever being issued. ${CONFIRM}`, evidence, HARD_STOP_POINTS)],
      };
    case "V3":
      return {
        factor: "IDENTITY",
        reasons: [
          reason("ID_NOT_VERIFIED", "HARD_STOP", `The surname given does not match the surname Home Affairs holds for this ID number. ${CONFIRM}`, evidence, HARD_STOP_POINTS),
        ],
      };
    case "V4":
      return {
        factor: "IDENTITY",
        reasons: [reason("ID_DECEASED", "HARD_STOP", `Home Affairs records the holder of this ID number as deceased. ${CONFIRM}`, evidence, HARD_STOP_POINTS)],
      };
    case "V2":
      return {
        factor: "IDENTITY",
        reasons: [reason("ID_VERIFICATION_PENDING", "MEDIUM", "The ID number has not yet been verified against Home Affairs.", evidence, ID_VERIFICATION_PENDING_POINTS)],
      };
    case undefined:
      return {
        factor: "IDENTITY",
        reasons: [reason("ID_VERIFICATION_PENDING", "MEDIUM", "TPN returned no ID verification result for this applicant.", evidence, ID_VERIFICATION_PENDING_POINTS)],
      };
  }
}
