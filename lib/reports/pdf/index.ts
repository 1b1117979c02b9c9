export { renderReportPdf } from "./render";
export { ReportDocument } from "./document";
export { CONFIDENTIALITY_NOTICE } from "./footer";
export { registerReportFonts, fontsDirectory } from "./fonts";
