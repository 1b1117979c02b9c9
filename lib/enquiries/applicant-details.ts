/** What we know about the applicant beyond the identifier; sealed under the subject's data key. */
export interface ApplicantDetails {
  firstName?: string;
  surname?: string;
  companyName?: string;
  passport?: { number: string; nationality: string; dateOfBirth: string };
  grossMonthlyIncome?: number;
  monthlyRent?: number;
  consentRequestEmail?: string;
}

export const APPLICANT_COLUMN = "enquiries.applicant";

export function lastFour(identifier: string): string {
  return identifier.replace(/[^0-9A-Za-z]/g, "").slice(-4);
}
