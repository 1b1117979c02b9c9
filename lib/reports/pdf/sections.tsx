import { Text } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import type { ReportViewModel } from "../view-model";
import { Section } from "./section";
import { FactList, Table, type Column, type Style } from "./table";
import { colors, styles } from "./theme";

type Defaults = ReportViewModel["defaults"][number];
type Judgment = ReportViewModel["judgments"][number];
type Notice = ReportViewModel["notices"][number];
type FraudAlert = ReportViewModel["fraudAlerts"][number];
type Directorship = ReportViewModel["directorships"][number];
type Director = NonNullable<ReportViewModel["company"]>["directors"][number];

const ADVERSE_STATUSES = new Set(["ACTIVE"]);

function statusStyle(code: string): Style | undefined {
  return ADVERSE_STATUSES.has(code) ? { color: colors.red, fontWeight: 600 } : { color: colors.muted };
}

function count(items: readonly unknown[], singular: string, plural = `${singular}s`): string {
  return `${items.length} ${items.length === 1 ? singular : plural}`;
}

const DEFAULT_COLUMNS: Column<Defaults>[] = [
  { header: "Creditor", flex: 3, cell: (row) => row.creditor, strong: true },
  { header: "Category", flex: 1.6, cell: (row) => row.category },
  { header: "Listed", width: 68, cell: (row) => row.listedAt },
  { header: "Amount", width: 78, align: "right", cell: (row) => row.amount, strong: true },
  { header: "Status", width: 58, cell: (row) => row.status, cellStyle: (row) => statusStyle(row.statusCode) },
];

const JUDGMENT_COLUMNS: Column<Judgment>[] = [
  { header: "Case number", width: 70, cell: (row) => row.caseNumber },
  { header: "Court", flex: 2.4, cell: (row) => row.court },
  { header: "Plaintiff", flex: 1.8, cell: (row) => row.plaintiff, strong: true },
  { header: "Date", width: 64, cell: (row) => row.judgmentDate },
  { header: "Amount", width: 74, align: "right", cell: (row) => row.amount, strong: true },
  { header: "Status", width: 54, cell: (row) => row.status, cellStyle: (row) => statusStyle(row.statusCode) },
];

const NOTICE_COLUMNS: Column<Notice>[] = [
  { header: "Type", flex: 1.6, cell: (row) => row.type, strong: true },
  { header: "Date", width: 68, cell: (row) => row.date },
  { header: "Reference", flex: 1.2, cell: (row) => row.reference },
  { header: "Court", flex: 2.2, cell: (row) => row.court },
  { header: "Status", width: 58, cell: (row) => row.status, cellStyle: (row) => statusStyle(row.statusCode) },
];

const FRAUD_COLUMNS: Column<FraudAlert>[] = [
  { header: "Source", flex: 1, cell: (row) => row.source, strong: true },
  { header: "Type", flex: 2, cell: (row) => row.type, cellStyle: () => ({ color: colors.red, fontWeight: 600 }) },
  { header: "Date", width: 80, cell: (row) => row.date },
];

const DIRECTORSHIP_COLUMNS: Column<Directorship>[] = [
  { header: "Company", flex: 3, cell: (row) => row.companyName, strong: true },
  { header: "Registration number", flex: 1.6, cell: (row) => row.registrationNumber },
  { header: "Appointed", width: 74, cell: (row) => row.appointedAt },
  { header: "Status", width: 60, cell: (row) => row.status },
];

const DIRECTOR_COLUMNS: Column<Director>[] = [
  { header: "Director", flex: 3, cell: (row) => row.name, strong: true },
  { header: "ID number", flex: 1.6, cell: (row) => row.maskedIdentifier },
  { header: "Appointed", width: 74, cell: (row) => row.appointedAt },
  {
    header: "Own records",
    width: 96,
    cell: (row) => (row.adverse ? "Adverse records" : "None adverse"),
    cellStyle: (row) => (row.adverse ? { color: colors.red, fontWeight: 600 } : { color: colors.muted }),
  },
];

export function CompanySection({ view }: { view: ReportViewModel }) {
  const company = view.company;
  if (!company) return null;
  const inBusiness = company.statusCode === "IN_BUSINESS";
  return (
    <>
      <Section title="Company" first>
        <FactList
          items={[
            { label: "Registered name", value: company.name },
            { label: view.subject.identifierLabel, value: view.subject.maskedIdentifier },
            { label: "Entity type", value: company.type },
            { label: "Company status", value: company.status, valueStyle: { color: inBusiness ? colors.green : colors.red } },
            { label: "Registered", value: company.registrationDate ?? "—" },
          ]}
        />
      </Section>
      <Section title="Directors" count={count(company.directors, "director")}>
        {company.directors.length === 0 ? (
          <Text style={styles.empty}>TPN reported no directors.</Text>
        ) : (
          <Table columns={DIRECTOR_COLUMNS} rows={company.directors} rowKey={(row, index) => `${row.name}-${index}`} />
        )}
      </Section>
    </>
  );
}

export function DefaultsSection({ view }: { view: ReportViewModel }) {
  return (
    <Section title="Defaults" count={count(view.defaults, "default")}>
      <Table columns={DEFAULT_COLUMNS} rows={view.defaults} rowKey={(_, index) => `d${index}`} />
    </Section>
  );
}

export function JudgmentsSection({ view }: { view: ReportViewModel }) {
  return (
    <Section title="Judgments" count={count(view.judgments, "judgment")}>
      <Table columns={JUDGMENT_COLUMNS} rows={view.judgments} rowKey={(row, index) => `${row.caseNumber}-${index}`} />
    </Section>
  );
}

export function NoticesSection({ view }: { view: ReportViewModel }) {
  return (
    <Section title="Notices" count={count(view.notices, "notice")}>
      <Table columns={NOTICE_COLUMNS} rows={view.notices} rowKey={(_, index) => `n${index}`} />
    </Section>
  );
}

export function CreditExposureSection({ view }: { view: ReportViewModel }) {
  const exposure = view.creditExposure;
  return (
    <Section title="Credit exposure">
      {exposure ? (
        <FactList
          items={[
            { label: "Open accounts", value: exposure.openAccounts },
            { label: "Total balance", value: exposure.totalBalance },
            { label: "Monthly instalments", value: exposure.monthlyInstalments },
            { label: "Amount in arrears", value: exposure.arrearsAmount },
            { label: "Worst arrears (24 months)", value: exposure.worstArrearsMonths },
          ]}
        />
      ) : (
        <Text style={styles.empty}>{view.found ? "TPN reported no credit exposure." : "TPN holds no record of this subject."}</Text>
      )}
    </Section>
  );
}

export function IdVerificationSection({ view }: { view: ReportViewModel }) {
  const verification = view.idVerification;
  return (
    <Section title="ID verification">
      {verification ? (
        <FactList
          items={[
            {
              label: `Result (${verification.code})`,
              value: verification.label,
              valueStyle: { color: verification.code === "V0" ? colors.green : colors.red },
            },
          ]}
        />
      ) : (
        <Text style={styles.empty}>{view.found ? "TPN reported no ID verification result." : "TPN holds no record of this subject."}</Text>
      )}
    </Section>
  );
}

export function FraudAlertsSection({ view }: { view: ReportViewModel }) {
  return (
    <Section title="Fraud alerts" count={count(view.fraudAlerts, "alert")}>
      <Table columns={FRAUD_COLUMNS} rows={view.fraudAlerts} rowKey={(_, index) => `f${index}`} />
    </Section>
  );
}

export function DirectorshipsSection({ view }: { view: ReportViewModel }) {
  return (
    <Section title="Directorships" count={count(view.directorships, "directorship")}>
      <Table columns={DIRECTORSHIP_COLUMNS} rows={view.directorships} rowKey={(_, index) => `r${index}`} />
    </Section>
  );
}

interface BureauSection {
  title: string;
  empty: boolean;
  Component: (props: { view: ReportViewModel }) => ReactNode;
}

/** The bureau sections a report of this kind has, in reading order. */
function bureauSections(view: ReportViewModel): BureauSection[] {
  const common: BureauSection[] = [
    { title: "Defaults", empty: view.defaults.length === 0, Component: DefaultsSection },
    { title: "Judgments", empty: view.judgments.length === 0, Component: JudgmentsSection },
    { title: "Notices", empty: view.notices.length === 0, Component: NoticesSection },
  ];
  if (view.subject.type === "company") return common;
  return [
    ...common,
    { title: "Credit exposure", empty: view.creditExposure === null, Component: CreditExposureSection },
    { title: "ID verification", empty: view.idVerification === null, Component: IdVerificationSection },
    { title: "Fraud alerts", empty: view.fraudAlerts.length === 0, Component: FraudAlertsSection },
    { title: "Directorships", empty: view.directorships.length === 0, Component: DirectorshipsSection },
  ];
}

/**
 * The sections with records, each a table, then one line naming the sections TPN had nothing for:
 * a reader sees what was checked without paging through empty headings.
 */
export function BureauSections({ view }: { view: ReportViewModel }) {
  const sections = bureauSections(view);
  const empty = sections.filter((section) => section.empty).map((section) => (section.title.startsWith("ID") ? section.title : section.title.toLowerCase()));
  return (
    <>
      {sections
        .filter((section) => !section.empty)
        .map(({ title, Component }) => (
          <Component key={title} view={view} />
        ))}
      {empty.length > 0 ? (
        <Section title="Nothing recorded">
          <Text style={{ paddingVertical: 2 }}>
            {view.found
              ? `TPN holds no records of these kinds for this subject: ${empty.join(", ")}.`
              : `TPN holds no record of this subject, so there is nothing to show for: ${empty.join(", ")}.`}
          </Text>
        </Section>
      ) : null}
    </>
  );
}
