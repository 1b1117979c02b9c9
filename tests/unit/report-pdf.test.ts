import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConsumerReport } from "@/dev/tpn/reports";
import { CONSUMER_SCENARIOS } from "@/dev/tpn/scenarios";
import { CONFIDENTIALITY_NOTICE, renderReportPdf } from "@/lib/reports/pdf";
import { cleanSample, companySample, defaulterSample, largeSample, SAMPLE_NOW, typicalSample } from "@/lib/reports/pdf/samples";
import { fontsDirectory } from "@/lib/reports/pdf/fonts";
import { isWoff, woffToSfnt } from "@/lib/reports/pdf/woff";
import { toReportViewModel, type ReportViewModel } from "@/lib/reports/view-model";

const run = promisify(execFile);

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "report-pdf-"));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

interface Rendered {
  pdf: Buffer;
  /** pdftotext output with every run of whitespace collapsed to one space (lines wrap anywhere). */
  text: string;
  pages: number;
  fonts: string;
}

async function render(name: string, view: ReportViewModel): Promise<Rendered> {
  const pdf = await renderReportPdf(view);
  const file = path.join(directory, `${name}.pdf`);
  await writeFile(file, pdf);
  const [{ stdout: raw }, { stdout: info }, { stdout: fonts }] = await Promise.all([
    run("pdftotext", ["-enc", "UTF-8", file, "-"]),
    run("pdfinfo", [file]),
    run("pdffonts", [file]),
  ]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  return { pdf, text: raw.replace(/\s+/g, " "), pages, fonts };
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe("renderReportPdf: consumer report (TPN sandbox DEFAULTER_WITH_JUDGMENT)", () => {
  const sample = defaulterSample();
  let rendered: Rendered;

  beforeAll(async () => {
    rendered = await render("defaulter", sample.view);
  });

  it("is an A4 PDF with Inter embedded and no fallback font", async () => {
    expect(rendered.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const file = path.join(directory, "defaulter.pdf");
    const { stdout } = await run("pdfinfo", [file]);
    expect(stdout).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(rendered.fonts).toContain("Inter-Regular");
    expect(rendered.fonts).toContain("Inter-SemiBold");
    expect(rendered.fonts).toContain("Inter-Bold");
    // Every font embedded: a Helvetica line here would mean some text fell back to the default font.
    const fontLines = rendered.fonts.split("\n").slice(2).filter((line) => line.trim() !== "");
    expect(fontLines.length).toBeGreaterThan(0);
    for (const line of fontLines) expect(line).toMatch(/\byes\s+yes\s+yes\b/);
  });

  it("shows the band, score, recommendation and its conditions as text", () => {
    expect(rendered.text).toContain("Very high risk");
    expect(rendered.text).toContain("4 / 100 score");
    expect(rendered.text).toContain("Refer for review");
    expect(rendered.text).toContain("Ask for proof that the judgment has been settled");
    expect(rendered.text).toContain("Rent of R 12 500 would take 41% of the declared gross income");
  });

  it("shows every reason sentence, and the evidence of the top reasons", () => {
    for (const reason of sample.view.risk.reasons) expect(rendered.text).toContain(reason.sentence);
    expect(rendered.text).toContain("Did not pay: Aug, Sep, Oct and Nov 2026");
  });

  it("names the subject by the masked identifier only", () => {
    expect(rendered.text).toContain("•••••••••9081");
    expect(rendered.text).not.toContain(CONSUMER_SCENARIOS.DEFAULTER_WITH_JUDGMENT.idNumber);
    expect(rendered.text).toContain(sample.view.subject.name);
  });

  it("shows the bureau tables with rand amounts", () => {
    const judgment = sample.report.judgments?.[0];
    expect(judgment).toBeDefined();
    expect(rendered.text).toContain("R 27 750");
    expect(rendered.text).toContain(judgment?.caseNumber ?? "missing");
    expect(rendered.text).toContain("Previous landlord");
    expect(rendered.text).toContain("R 18 500");
    expect(rendered.text).toContain("R 2 340.50");
    expect(rendered.text).toContain("Telkom");
    expect(rendered.text).toContain("R 46 590.50"); // arrears, credit exposure
    expect(rendered.text).toContain("Verified");
  });

  it("draws the payment history with its legend and axis as text", () => {
    expect(rendered.text).toContain("Rental payment history");
    for (const label of ["Paid on time", "Paid in grace period", "Paid late", "Partially paid", "Did not pay"]) expect(rendered.text).toContain(label);
    expect(rendered.text).toContain("Jan 2026");
    expect(rendered.text).toContain("4 did not pay");
  });

  it("puts the footer on every page: reference, time in SAST, page x of y, the confidentiality notice", () => {
    expect(rendered.pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= rendered.pages; page++) expect(rendered.text).toContain(`Page ${page} of ${rendered.pages}`);
    expect(occurrences(rendered.text, CONFIDENTIALITY_NOTICE)).toBe(rendered.pages);
    expect(rendered.text).toContain("Reference TL-3F2A9C1E");
    expect(rendered.text).toContain("3 Dec 2026, 10:15 SAST");
    expect(occurrences(rendered.text, "Tenant risk report")).toBeGreaterThanOrEqual(rendered.pages);
    expect(rendered.text).toContain("Karoo Lettings (Pty) Ltd");
  });
});

describe("renderReportPdf: company report (TPN sandbox COMPANY_IN_LIQUIDATION)", () => {
  const sample = companySample();
  let rendered: Rendered;

  beforeAll(async () => {
    rendered = await render("company", sample.view);
  });

  it("shows the company status, directors (masked) and the liquidation notice", () => {
    expect(rendered.text).toContain("Company status");
    expect(rendered.text).toContain("In liquidation");
    for (const director of sample.report.directors ?? []) {
      expect(rendered.text).toContain(director.name ?? "missing");
      expect(rendered.text).toContain(`•••••••••${director.idNumberLast4 ?? ""}`);
    }
    expect(rendered.text).toContain("Adverse records");
    expect(rendered.text).toContain("Liquidation");
    expect(rendered.text).toContain("R 212 880.75");
    expect(rendered.text).toContain("R 64 200");
    expect(rendered.text).toContain("••••/••••13/07");
    expect(rendered.text).not.toContain("2016/482913/07");
  });

  it("leaves out the individual-only sections", () => {
    expect(rendered.text).not.toContain("Credit exposure");
    expect(rendered.text).not.toContain("Fraud alerts");
    expect(rendered.text).toContain("The company is in liquidation.");
    expect(rendered.text).toContain(`Page 1 of ${rendered.pages}`);
  });
});

describe("renderReportPdf: large report", () => {
  const sample = largeSample();
  let rendered: Rendered;

  beforeAll(async () => {
    rendered = await render("large", sample.view);
  });

  it("paginates: several pages, each numbered, and the last rows still there", () => {
    expect(sample.view.judgments).toHaveLength(20);
    expect(sample.view.defaults).toHaveLength(10);
    expect(sample.view.rentalHistory.map((lease) => lease.months.length)).toEqual([24, 24, 24]);
    expect(rendered.pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= rendered.pages; page++) expect(rendered.text).toContain(`Page ${page} of ${rendered.pages}`);
    // The last judgment row (its plaintiff wraps onto a second line, so the name is checked in part).
    expect(rendered.text).toContain("4803/2023");
    expect(rendered.text).toContain("Last Judgment Creditor");
    expect(rendered.text).toContain("R 33 455.50");
    expect(rendered.text).toContain("Final Default Retailers");
    expect(rendered.text).toContain("last 24 of 60 months shown");
    for (const reason of sample.view.risk.reasons) expect(rendered.text).toContain(reason.sentence);
  });

  it("repeats the judgments table header on the page the table continues on", () => {
    expect(occurrences(rendered.text, "CASE NUMBER")).toBeGreaterThanOrEqual(2);
  });
});

describe("renderReportPdf: edge cases", () => {
  it("renders a subject TPN holds no record of", async () => {
    const scenario = CONSUMER_SCENARIOS.NOT_FOUND;
    const report = buildConsumerReport({ idNumber: scenario.idNumber }, { enquiryId: "tpn-1", generatedAt: SAMPLE_NOW.toISOString(), billing: { chargeable: true, reference: "B1" } }, SAMPLE_NOW);
    const view = toReportViewModel({
      report,
      risk: { modelVersion: "m1", score: 50, band: "MODERATE", recommendation: { code: "REFER_FOR_REVIEW", summary: "No bureau record to judge by." }, reasons: [] },
      enquiry: {
        id: "00000000-0000-4000-8000-000000000000",
        organisationName: "Org",
        requestedBy: "Agent",
        maskedIdentifier: "•••••••••9283",
        subjectName: "Lindiwe Zulu",
        subjectType: "individual",
        identifierKind: "sa-id",
      },
      generatedAt: SAMPLE_NOW,
    });
    const rendered = await render("not-found", view);
    expect(rendered.text).toContain("No record held by TPN");
    expect(rendered.text).toContain("TPN holds no record of this subject.");
    expect(rendered.text).toContain("Moderate risk");
  });

  it("renders the deceased scenario (no history, V4)", async () => {
    const scenario = CONSUMER_SCENARIOS.DECEASED;
    const report = buildConsumerReport({ idNumber: scenario.idNumber }, { enquiryId: "tpn-2", generatedAt: SAMPLE_NOW.toISOString(), billing: { chargeable: true, reference: "B2" } }, SAMPLE_NOW);
    const view = toReportViewModel({
      report,
      risk: {
        modelVersion: "m1",
        score: 100,
        band: "VERY_HIGH",
        recommendation: { code: "REFER_FOR_REVIEW", summary: "The ID number belongs to a deceased person." },
        reasons: [{ code: "ID_DECEASED", severity: "HARD_STOP", sentence: "Home Affairs records the holder of this ID number as deceased.", evidence: ["TPN code V4"], points: 100 }],
      },
      enquiry: {
        id: "11111111-2222-4333-8444-555555555555",
        organisationName: "Org",
        requestedBy: "Agent",
        maskedIdentifier: "•••••••••2088",
        subjectName: null,
        subjectType: "individual",
        identifierKind: "sa-id",
      },
      generatedAt: SAMPLE_NOW,
    });
    const rendered = await render("deceased", view);
    expect(rendered.text).toContain("Deceased");
    expect(rendered.text).toContain("No landlord or agency has reported a lease for this subject.");
    expect(rendered.text).toContain("Home Affairs records the holder of this ID number as deceased.");
  });

  it("renders the clean and typical samples on a few pages", async () => {
    const clean = await render("clean", cleanSample().view);
    expect(clean.text).toContain("Low risk");
    expect(clean.text).toContain("Accept");
    // Empty sections are named in one line rather than drawn as empty tables.
    expect(clean.text).toContain("Nothing recorded");
    expect(clean.text).toContain("TPN holds no records of these kinds for this subject: defaults, judgments, notices, fraud alerts, directorships.");
    expect(clean.text).not.toContain("CASE NUMBER");
    const typical = await render("typical", typicalSample().view);
    expect(typical.text).toContain("Accept with conditions");
    expect(typical.text).toContain("Rawson Rentals");
    expect(typical.pages).toBeLessThanOrEqual(3);
  });
});

describe("woffToSfnt", () => {
  it("unwraps the shipped WOFF files into TrueType with the same tables", async () => {
    const woff = await readFile(path.join(fontsDirectory(), "inter-latin-400-normal.woff"));
    expect(isWoff(woff)).toBe(true);
    const sfnt = woffToSfnt(woff);
    expect(sfnt.readUInt32BE(0)).toBe(woff.readUInt32BE(4)); // flavor becomes the sfnt version
    const numTables = sfnt.readUInt16BE(4);
    expect(numTables).toBe(woff.readUInt16BE(12));
    expect(sfnt.length).toBe(woff.readUInt32BE(16)); // totalSfntSize declared by the WOFF header
    const tags = Array.from({ length: numTables }, (_, index) => sfnt.subarray(12 + index * 16, 16 + index * 16).toString("latin1"));
    expect(tags).toEqual([...tags].sort());
    expect(tags).toEqual(expect.arrayContaining(["cmap", "glyf", "head", "hmtx", "loca", "name"]));
  });

  it("refuses anything that is not WOFF", () => {
    expect(() => woffToSfnt(Buffer.from("not a font at all, just text padding it out to 44 bytes"))).toThrow(/WOFF/);
  });
});
