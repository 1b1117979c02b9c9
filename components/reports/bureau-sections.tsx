import type { ReactNode } from "react";
import { Section } from "@/components/app-shell/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ReportViewModel } from "@/lib/reports/view-model";
import { cn } from "@/lib/ui/cn";

/**
 * The bureau's records, one section each, in the PDF's order and words. Tables are real tables from
 * `md` up and a stack of cards on phones (components/ui/table).
 */

/** "2 defaults"; nothing when there are none (the section then says so in words). */
function count(items: readonly unknown[], singular: string, plural = `${singular}s`): string | undefined {
  return items.length === 0 ? undefined : `${items.length} ${items.length === 1 ? singular : plural}`;
}

function Empty({ report, what }: { report: ReportViewModel; what: string }) {
  return <p className="text-sm text-muted-foreground">{report.found ? `No ${what} recorded.` : "TPN holds no record of this subject."}</p>;
}

function Status({ code, children }: { code: string; children: ReactNode }) {
  return <span className={code === "ACTIVE" ? "font-semibold text-red-800" : "text-muted-foreground"}>{children}</span>;
}

function Facts({ items }: { items: { label: string; value: ReactNode; className?: string }[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {items.map((item) => (
        <div key={item.label} className="flex flex-wrap justify-between gap-x-4 border-b border-border pb-2 sm:contents">
          <dt className="text-muted-foreground sm:border-b sm:border-border sm:pb-2">{item.label}</dt>
          <dd className={cn("min-w-0 break-words font-medium sm:border-b sm:border-border sm:pb-2", item.className)}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CompanySections({ report }: { report: ReportViewModel }) {
  const company = report.company;
  if (!company) return null;
  return (
    <>
      <Section title="Company" id="company">
        <Facts
          items={[
            { label: "Registered name", value: company.name },
            { label: report.subject.identifierLabel, value: <span className="font-mono">{report.subject.maskedIdentifier}</span> },
            { label: "Entity type", value: company.type },
            {
              label: "Company status",
              value: <span data-testid="company-status">{company.status}</span>,
              className: company.statusCode === "IN_BUSINESS" ? "text-green-800" : "text-red-800",
            },
            { label: "Registered", value: company.registrationDate ?? "—" },
          ]}
        />
      </Section>
      <Section title="Directors" id="directors" description={count(company.directors, "director")}>
        {company.directors.length === 0 ? (
          <Empty report={report} what="directors" />
        ) : (
          <Table>
            <TableHead>
              <tr>
                <TableHeader>Director</TableHeader>
                <TableHeader>ID number</TableHeader>
                <TableHeader>Appointed</TableHeader>
                <TableHeader>Own records</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {company.directors.map((director, index) => (
                <TableRow key={`${director.name}-${index}`}>
                  <TableCell className="font-semibold">{director.name}</TableCell>
                  <TableCell label="ID number" className="font-mono">
                    {director.maskedIdentifier}
                  </TableCell>
                  <TableCell label="Appointed">{director.appointedAt}</TableCell>
                  <TableCell label="Own records">
                    <span className={director.adverse ? "font-semibold text-red-800" : "text-muted-foreground"}>{director.adverse ? "Adverse records" : "None adverse"}</span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
    </>
  );
}

export function DefaultsSection({ report }: { report: ReportViewModel }) {
  return (
    <Section title="Defaults" id="defaults" description={count(report.defaults, "default")}>
      {report.defaults.length === 0 ? (
        <Empty report={report} what="defaults" />
      ) : (
        <Table>
          <TableHead>
            <tr>
              <TableHeader>Creditor</TableHeader>
              <TableHeader>Category</TableHeader>
              <TableHeader>Listed</TableHeader>
              <TableHeader className="md:text-right">Amount</TableHeader>
              <TableHeader>Status</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {report.defaults.map((item, index) => (
              <TableRow key={`d${index}`}>
                <TableCell className="font-semibold">{item.creditor}</TableCell>
                <TableCell label="Category">{item.category}</TableCell>
                <TableCell label="Listed">{item.listedAt}</TableCell>
                <TableCell label="Amount" className="font-semibold tabular-nums md:text-right">
                  {item.amount}
                </TableCell>
                <TableCell label="Status">
                  <Status code={item.statusCode}>{item.status}</Status>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

export function JudgmentsSection({ report }: { report: ReportViewModel }) {
  return (
    <Section title="Judgments" id="judgments" description={count(report.judgments, "judgment")}>
      {report.judgments.length === 0 ? (
        <Empty report={report} what="judgments" />
      ) : (
        <Table>
          <TableHead>
            <tr>
              <TableHeader>Plaintiff</TableHeader>
              <TableHeader>Case number</TableHeader>
              <TableHeader>Court</TableHeader>
              <TableHeader>Date</TableHeader>
              <TableHeader className="md:text-right">Amount</TableHeader>
              <TableHeader>Status</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {report.judgments.map((item, index) => (
              <TableRow key={`${item.caseNumber}-${index}`}>
                <TableCell className="font-semibold">{item.plaintiff}</TableCell>
                <TableCell label="Case number">{item.caseNumber}</TableCell>
                <TableCell label="Court">{item.court}</TableCell>
                <TableCell label="Date">{item.judgmentDate}</TableCell>
                <TableCell label="Amount" className="font-semibold tabular-nums md:text-right">
                  {item.amount}
                </TableCell>
                <TableCell label="Status">
                  <Status code={item.statusCode}>{item.status}</Status>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

export function NoticesSection({ report }: { report: ReportViewModel }) {
  return (
    <Section title="Notices" id="notices" description={count(report.notices, "notice")}>
      {report.notices.length === 0 ? (
        <Empty report={report} what="notices (sequestration, administration, debt review, eviction, liquidation)" />
      ) : (
        <Table>
          <TableHead>
            <tr>
              <TableHeader>Type</TableHeader>
              <TableHeader>Date</TableHeader>
              <TableHeader>Reference</TableHeader>
              <TableHeader>Court</TableHeader>
              <TableHeader>Status</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {report.notices.map((item, index) => (
              <TableRow key={`n${index}`}>
                <TableCell className="font-semibold">{item.type}</TableCell>
                <TableCell label="Date">{item.date}</TableCell>
                <TableCell label="Reference">{item.reference}</TableCell>
                <TableCell label="Court">{item.court}</TableCell>
                <TableCell label="Status">
                  <Status code={item.statusCode}>{item.status}</Status>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

export function CreditExposureSection({ report }: { report: ReportViewModel }) {
  const exposure = report.creditExposure;
  return (
    <Section title="Credit exposure" id="credit-exposure">
      {exposure ? (
        <Facts
          items={[
            { label: "Open accounts", value: exposure.openAccounts },
            { label: "Total balance", value: exposure.totalBalance },
            { label: "Monthly instalments", value: exposure.monthlyInstalments },
            { label: "Amount in arrears", value: exposure.arrearsAmount },
            { label: "Worst arrears (24 months)", value: exposure.worstArrearsMonths },
          ]}
        />
      ) : (
        <p className="text-sm text-muted-foreground">{report.found ? "TPN reported no credit exposure." : "TPN holds no record of this subject."}</p>
      )}
    </Section>
  );
}

export function IdVerificationSection({ report }: { report: ReportViewModel }) {
  const verification = report.idVerification;
  return (
    <Section title="ID verification" id="id-verification">
      {verification ? (
        <Facts
          items={[
            { label: report.subject.identifierLabel, value: <span className="font-mono">{report.subject.maskedIdentifier}</span> },
            {
              label: `Result (${verification.code})`,
              value: verification.label,
              className: verification.code === "V0" ? "text-green-800" : "text-red-800",
            },
          ]}
        />
      ) : (
        <p className="text-sm text-muted-foreground">{report.found ? "TPN reported no ID verification result." : "TPN holds no record of this subject."}</p>
      )}
    </Section>
  );
}

export function FraudAlertsSection({ report }: { report: ReportViewModel }) {
  return (
    <Section title="Fraud alerts" id="fraud-alerts" description={count(report.fraudAlerts, "alert")}>
      {report.fraudAlerts.length === 0 ? (
        <Empty report={report} what="fraud alerts" />
      ) : (
        <Table>
          <TableHead>
            <tr>
              <TableHeader>Source</TableHeader>
              <TableHeader>Type</TableHeader>
              <TableHeader>Date</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {report.fraudAlerts.map((alert, index) => (
              <TableRow key={`f${index}`}>
                <TableCell className="font-semibold">{alert.source}</TableCell>
                <TableCell label="Type">
                  <span className="font-semibold text-red-800">{alert.type}</span>
                </TableCell>
                <TableCell label="Date">{alert.date}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

export function DirectorshipsSection({ report }: { report: ReportViewModel }) {
  return (
    <Section title="Directorships" id="directorships" description={count(report.directorships, "directorship")}>
      {report.directorships.length === 0 ? (
        <Empty report={report} what="directorships" />
      ) : (
        <Table>
          <TableHead>
            <tr>
              <TableHeader>Company</TableHeader>
              <TableHeader>Registration number</TableHeader>
              <TableHeader>Appointed</TableHeader>
              <TableHeader>Status</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {report.directorships.map((item, index) => (
              <TableRow key={`r${index}`}>
                <TableCell className="font-semibold">{item.companyName}</TableCell>
                <TableCell label="Registration number">{item.registrationNumber}</TableCell>
                <TableCell label="Appointed">{item.appointedAt}</TableCell>
                <TableCell label="Status">{item.status}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
