/**
 * The notice shown to whoever gives consent (POPIA s18). Its version is stored with every consent
 * record, so we can always show exactly what an applicant agreed to.
 */
export const CONSENT_NOTICE_VERSION = "2026-12-v1";

export const CONSENT_NOTICE = `By consenting you allow the landlord or letting agent named below, through TenantLens, to obtain your
credit and rental-payment record from TPN Credit Bureau for one purpose only: assessing your application to
rent a property (tenant screening, National Credit Act s18(1)(b)). TenantLens keeps the report for as long as
the landlord needs it for this application and the law requires, encrypted, and never sells it. You may
withdraw consent at any time before the check runs, ask what we hold about you, have it corrected, or ask
for it to be deleted, by contacting privacy@tenantlens.co.za. You may complain to the Information Regulator
(inforegulator.org.za).`;

export const CONSENT_PURPOSE = "TENANT_SCREENING" as const;
