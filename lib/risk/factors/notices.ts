/**
 * Legal notices about a person's (or company's) finances. Sequestration, administration orders and
 * debt review count while ACTIVE; an eviction order counts while ACTIVE and once carried out
 * (COMPLETED); a summons while ACTIVE; a rehabilitation whatever its status. WITHDRAWN notices are
 * not scored. Liquidation and business rescue concern companies and are scored under the company
 * factor (company.ts); on a consumer report they are not scored.
 */
import { recencyOf } from "../calendar";
import { sum } from "../format";
import { reason, type FactorResult } from "../reason";
import { subjectNoun } from "../subject";
import type { Reason, SubjectType } from "../types";
import { EVICTION_ORDER_POINTS, NOTICE_POINTS, SUMMONS_POINTS } from "../weights";
import { noticeEvidence, type Notice } from "./notice-evidence";

export function noticesFactor(notices: readonly Notice[], asOfMonthNumber: number, type: SubjectType): FactorResult {
  const who = subjectNoun(type);
  const Who = `${who.charAt(0).toUpperCase()}${who.slice(1)}`;
  const reasons: Reason[] = [];
  const of = (kind: Notice["type"], statuses: readonly Notice["status"][]) => notices.filter((notice) => notice.type === kind && statuses.includes(notice.status));

  const sequestration = of("SEQUESTRATION", ["ACTIVE"]);
  if (sequestration.length > 0) {
    const sentence =
      type === "company"
        ? "A sequestration order is recorded against the company."
        : "The applicant's estate has been sequestrated: a court has declared them insolvent.";
    reasons.push(reason("SEQUESTRATION", "HIGH", sentence, sequestration.map(noticeEvidence), NOTICE_POINTS.SEQUESTRATION));
  }

  const administration = of("ADMINISTRATION_ORDER", ["ACTIVE"]);
  if (administration.length > 0) {
    const sentence = `${Who} is under an administration order: a court-appointed administrator pays ${type === "company" ? "its" : "their"} creditors from ${type === "company" ? "its" : "their"} income.`;
    reasons.push(reason("ADMINISTRATION_ORDER", "HIGH", sentence, administration.map(noticeEvidence), NOTICE_POINTS.ADMINISTRATION_ORDER));
  }

  const debtReview = of("DEBT_REVIEW", ["ACTIVE"]);
  if (debtReview.length > 0) {
    const sentence = `${Who} is under debt review: a debt counsellor found ${type === "company" ? "it" : "them"} over-indebted and ${type === "company" ? "its" : "their"} debt repayments are being restructured.`;
    reasons.push(reason("DEBT_REVIEW", "HIGH", sentence, debtReview.map(noticeEvidence), NOTICE_POINTS.DEBT_REVIEW));
  }

  const evictions = of("EVICTION_ORDER", ["ACTIVE", "COMPLETED"]);
  if (evictions.length > 0) {
    const raw = sum(evictions.map((notice) => EVICTION_ORDER_POINTS[recencyOf(notice.date, asOfMonthNumber)]));
    const sentence =
      evictions.length === 1 ? `An eviction order has been granted against ${who}.` : `${evictions.length} eviction orders have been granted against ${who}.`;
    reasons.push(reason("EVICTION_ORDER", "HIGH", sentence, evictions.map(noticeEvidence), Math.min(EVICTION_ORDER_POINTS.cap, raw)));
  }

  const summonses = of("SUMMONS", ["ACTIVE"]);
  if (summonses.length > 0) {
    const sentence =
      summonses.length === 1
        ? `A summons (a claim in court) has been issued against ${who} and is not yet decided.`
        : `${summonses.length} summonses (claims in court) have been issued against ${who} and are not yet decided.`;
    reasons.push(reason("SUMMONS", "MEDIUM", sentence, summonses.map(noticeEvidence), Math.min(SUMMONS_POINTS.cap, summonses.length * SUMMONS_POINTS.each)));
  }

  const rehabilitation = of("REHABILITATION", ["ACTIVE", "COMPLETED"]);
  if (rehabilitation.length > 0) {
    const sentence = `${Who} was insolvent in the past and has since been rehabilitated by a court.`;
    reasons.push(reason("REHABILITATION", "LOW", sentence, rehabilitation.map(noticeEvidence), NOTICE_POINTS.REHABILITATION));
  }

  return { factor: "NOTICES", reasons };
}
