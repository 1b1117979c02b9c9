/**
 * Every number the model uses, in one place. docs/risk-model.md publishes these tables; a change here
 * is a new model version (version.ts). Points are deducted from a starting score of 100.
 */

export const START_SCORE = 100;

/** Band thresholds: the lowest score of each band. */
export const BAND_MIN_SCORE = { LOW: 80, MODERATE: 60, HIGH: 40, VERY_HIGH: 0 } as const;

/** Months counted back from the month of `asOf`: 1-12 are "recent", 13-24 "prior", older are not scored. */
export const RECENT_MONTHS = 12;
export const WINDOW_MONTHS = 24;

/** Each hard stop deducts this, so on its own it leaves at most 40 (band HIGH at best). */
export const HARD_STOP_POINTS = 60;

export const NO_RECORD_POINTS = 40;
export const ID_VERIFICATION_PENDING_POINTS = 10;

/** Rental payment profile: points per month by classification, recent / prior, and the most a reason deducts. */
export const RENT_MONTH_POINTS = {
  GRACE_PERIOD: { recent: 2, prior: 1, cap: 6 },
  PAID_LATE: { recent: 5, prior: 2, cap: 30 },
  PARTIALLY_PAID: { recent: 8, prior: 4, cap: 32 },
  DID_NOT_PAY: { recent: 12, prior: 6, cap: 48 },
} as const;

/**
 * A thin rental file: 10 points when no month in the window was paid on time or in the grace period,
 * 2 fewer for each one that was, so 5 such months or more deduct nothing.
 */
export const THIN_FILE_POINTS = 10;
export const THIN_FILE_CREDIT_PER_GOOD_MONTH = 2;
/** GOOD_PAYMENT_HISTORY needs at least this many months in the window, all on time or in the grace period. */
export const GOOD_HISTORY_MIN_MONTHS = 6;

/** Per item, by how long ago it was listed (recent = within 12 months, prior = 13-24, older = beyond). */
export const ACTIVE_DEFAULT_POINTS = { recent: 12, prior: 8, older: 4, rentalExtra: 4, cap: 32 } as const;
export const PAID_DEFAULT_POINTS = { withinWindow: 2, cap: 6 } as const;
export const ACTIVE_JUDGMENT_POINTS = { recent: 20, prior: 14, older: 8, cap: 40 } as const;
/**
 * A satisfied (paid-up) judgment is shown but deducts nothing: the National Credit Act provides for
 * paid-up judgments to be removed from a consumer's record once settled, so it is not held against them.
 */
export const SATISFIED_JUDGMENT_POINTS = 0;

/** Notices: one deduction per kind, however many notices of that kind there are. */
export const NOTICE_POINTS = {
  SEQUESTRATION: 60,
  ADMINISTRATION_ORDER: 45,
  DEBT_REVIEW: 45,
  REHABILITATION: 3,
} as const;
export const EVICTION_ORDER_POINTS = { recent: 30, prior: 25, older: 15, cap: 30 } as const;
export const SUMMONS_POINTS = { each: 8, cap: 16 } as const;

/** Credit exposure. */
export const CREDIT_ARREARS_POINTS = { currentArrears: 4, perWorstArrearsMonth: 2, cap: 12 } as const;
/** Monthly credit instalments as a share of declared gross income (percent), and the points above each. */
export const CREDIT_UTILISATION = { highAbovePercent: 35, highPoints: 6, veryHighAbovePercent: 50, veryHighPoints: 12 } as const;

export const BUREAU_GRADE_POINTS = { A: 0, B: 0, C: 2, D: 5, E: 8, F: 12 } as const;

/** Companies. */
export const COMPANY_STATUS_POINTS = { DEREGISTERED: 60, IN_LIQUIDATION: 50, IN_BUSINESS_RESCUE: 35 } as const;
export const ADVERSE_DIRECTOR_POINTS = { each: 10, cap: 20 } as const;

/** Affordability: rent as a percentage of declared gross monthly income. */
export const AFFORDABILITY = { affordableUpToPercent: 30, stretchedUpToPercent: 40, stretchedPoints: 5, unaffordablePoints: 15 } as const;
