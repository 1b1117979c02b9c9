import { describe, expect, it } from "vitest";
import { CONSUMER_SCENARIOS } from "@/dev/tpn/scenarios";
import { companySample, defaulterSample, largeSample, SAMPLE_NOW } from "@/lib/reports/pdf/samples";
import { formatDate, formatMonth, formatRand, formatSast, humanise, shiftPeriod, shortEnquiryReference } from "@/lib/reports/view-model";

describe("formatRand", () => {
  it.each([
    [45_000, "R 45 000"],
    [0, "R 0"],
    [999, "R 999"],
    [1_000, "R 1 000"],
    [2_340.5, "R 2 340.50"],
    [212_880.75, "R 212 880.75"],
    [1_234_567.891, "R 1 234 567.89"],
    [0.004, "R 0"],
    [-1_200, "-R 1 200"],
    [19.999, "R 20"],
  ])("%s -> %s", (amount, expected) => {
    expect(formatRand(amount)).toBe(expected);
  });

  it("shows a dash when there is no amount", () => {
    expect(formatRand(undefined)).toBe("—");
    expect(formatRand(null)).toBe("—");
    expect(formatRand(Number.NaN)).toBe("—");
  });
});

describe("dates and months", () => {
  it("labels months and dates", () => {
    expect(formatMonth("2026-03")).toBe("Mar 2026");
    expect(formatMonth("2026-12")).toBe("Dec 2026");
    expect(formatMonth("garbage")).toBe("garbage");
    expect(formatDate("2026-03-09")).toBe("9 Mar 2026");
    expect(formatDate(undefined)).toBe("—");
  });

  it("moves periods across years", () => {
    expect(shiftPeriod("2026-01", -1)).toBe("2025-12");
    expect(shiftPeriod("2025-12", 1)).toBe("2026-01");
    expect(shiftPeriod("2026-11", -23)).toBe("2024-12");
  });

  it("gives the time in SAST (UTC+2, no daylight saving)", () => {
    expect(formatSast("2026-12-03T22:30:00Z")).toBe("4 Dec 2026, 00:30 SAST");
    expect(formatSast(new Date("2026-06-15T08:05:00Z"))).toBe("15 Jun 2026, 10:05 SAST");
  });

  it("shortens the enquiry id and humanises codes", () => {
    expect(shortEnquiryReference("3f2a9c1e-7b4d-4e21-9a0f-1c2d3e4f5a6b")).toBe("TL-3F2A9C1E");
    expect(humanise("IN_BUSINESS_RESCUE")).toBe("In business rescue");
  });
});

describe("toReportViewModel", () => {
  it("maps the DEFAULTER_WITH_JUDGMENT sandbox report", () => {
    const { view, report } = defaulterSample();
    expect(view.reference).toBe("TL-3F2A9C1E");
    expect(view.clientReference).toBe("Unit 4B, 12 Loop Street");
    expect(view.generatedAt).toBe(SAMPLE_NOW.toISOString());
    expect(view.subject).toEqual({
      type: "individual",
      name: `${report.subject?.firstName ?? ""} ${report.subject?.surname ?? ""}`,
      maskedIdentifier: "•••••••••9081",
      identifierKind: "sa-id",
      identifierLabel: "SA ID number",
    });
    expect(view.risk.bandLabel).toBe("Very high risk");
    expect(view.risk.recommendation.label).toBe("Refer for review");
    expect(view.risk.affordability?.ratioLabel).toBe("41%");
    expect(view.judgments).toEqual([
      expect.objectContaining({ amount: "R 27 750", plaintiff: "Previous landlord", status: "Active", statusCode: "ACTIVE", judgmentDate: "22 Nov 2026" }),
    ]);
    // Newest first.
    expect(view.defaults.map((item) => item.amount)).toEqual(["R 18 500", "R 2 340.50"]);
    expect(view.idVerification).toEqual({ code: "V0", label: "Verified" });
    expect(view.creditExposure?.arrearsAmount).toBe("R 46 590.50");
    expect(view.creditExposure?.worstArrearsMonths).toBe("6 months");
    const lease = view.rentalHistory[0];
    expect(lease?.months).toHaveLength(18);
    expect(lease?.months[0]).toEqual({ period: "2026-11", label: "Nov 2026", classification: "DID_NOT_PAY", classificationLabel: "Did not pay" });
    expect(view.paymentTotals).toMatchObject({ months: 18, DID_NOT_PAY: 4, PAID_LATE: 3, PARTIALLY_PAID: 2, PAID_ON_TIME: 9 });
    expect(view.highlights).toContainEqual({ label: "Active judgments", value: "1 · R 27 750", tone: "adverse" });
  });

  it("orders reasons by severity, then by effect", () => {
    const { view } = largeSample();
    expect(view.risk.reasons.map((reason) => reason.severity)).toEqual(["HARD_STOP", "HIGH", "HIGH", "HIGH", "MEDIUM", "MEDIUM", "LOW", "POSITIVE"]);
    expect(view.risk.reasons[0]?.pointsLabel).toBe("\u221235");
    expect(view.risk.reasons[1]?.pointsLabel).toBe("\u221222");
    expect(view.risk.reasons.at(-1)?.pointsLabel).toBe("0");
  });

  it("keeps each lease's newest 24 months and says how many were reported", () => {
    const { view } = largeSample();
    for (const lease of view.rentalHistory) {
      expect(lease.months).toHaveLength(24);
      expect(lease.monthsReported).toBe(60);
    }
    expect(view.rentalHistory[0]?.months[0]?.period).toBe("2026-11");
    expect(view.rentalHistory[0]?.current).toBe(true);
  });

  it("carries no identifier, billing detail, address or employer", () => {
    const { view, report } = defaulterSample();
    const json = JSON.stringify(view);
    expect(json).not.toContain(CONSUMER_SCENARIOS.DEFAULTER_WITH_JUDGMENT.idNumber);
    expect(json).not.toContain(report.billing.reference);
    for (const address of report.addresses ?? []) expect(json).not.toContain(address.line ?? "missing");
    for (const employer of report.employers ?? []) expect(json).not.toContain(employer.name ?? "missing");
    if (report.subject?.dateOfBirth) expect(json).not.toContain(report.subject.dateOfBirth);
  });

  it("maps the COMPANY_IN_LIQUIDATION report to the company variant", () => {
    const { view, report } = companySample();
    expect(view.subject.type).toBe("company");
    expect(view.subject.name).toBe(report.company?.name);
    expect(view.company).toMatchObject({ status: "In liquidation", statusCode: "IN_LIQUIDATION", type: "Private company" });
    expect(view.company?.directors.filter((director) => director.adverse)).toHaveLength(1);
    expect(view.company?.directors[0]?.maskedIdentifier).toMatch(/^•{9}\d{4}$/);
    expect(view.creditExposure).toBeNull();
    expect(view.idVerification).toBeNull();
    expect(view.notices).toEqual([expect.objectContaining({ type: "Liquidation", status: "Active" })]);
    expect(JSON.stringify(view)).not.toContain("2016/482913/07");
  });
});
