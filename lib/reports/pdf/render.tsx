import { renderToBuffer } from "@react-pdf/renderer";
import type { ReportViewModel } from "../view-model";
import { ReportDocument } from "./document";
import { registerReportFonts } from "./fonts";

/** Renders the risk report as an A4 PDF with embedded Inter and selectable text. */
export async function renderReportPdf(view: ReportViewModel): Promise<Buffer> {
  registerReportFonts();
  return renderToBuffer(<ReportDocument view={view} />);
}
