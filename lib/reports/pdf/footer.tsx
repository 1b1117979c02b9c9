import { Text, View } from "@react-pdf/renderer";
import type { ReportViewModel } from "../view-model";
import { colors, page } from "./theme";

export const CONFIDENTIALITY_NOTICE =
  "Confidential. Obtained with the applicant's consent for tenant screening only (POPIA s11, NCA s18). Do not share beyond this purpose.";

const FOOTER_HEIGHT = 34;
const FOOTER_BOTTOM = 22;

/**
 * Repeated on every page: the notice, the reference, when it was generated and the page count.
 * Placed with `top` and no `height` (FOOTER_HEIGHT is what its content measures): react-pdf 4.9 drops
 * the `render` text of a fixed element that is bottom-anchored (when the page sets a lineHeight) or
 * has an explicit height, and a `render` text needs a width of its own.
 */
export function ReportFooter({ view }: { view: ReportViewModel }) {
  return (
    <View
      fixed
      style={{
        position: "absolute",
        top: page.height - FOOTER_BOTTOM - FOOTER_HEIGHT,
        left: page.marginX,
        right: page.marginX,
        borderTopWidth: 0.75,
        borderTopColor: colors.ruleStrong,
        paddingTop: 5,
        fontSize: 7,
        lineHeight: 1.3,
        color: colors.muted,
      }}
    >
      <Text style={{ color: colors.text }}>{CONFIDENTIALITY_NOTICE}</Text>
      <View style={{ flexDirection: "row", justifyContent: "space-between", marginTop: 3 }}>
        <Text style={{ flex: 1, paddingRight: 8 }}>
          Reference {view.reference}
          {view.clientReference ? ` · ${view.clientReference}` : ""} · Generated {view.generatedAtLabel} · TPN data, TenantLens risk model{" "}
          {view.risk.modelVersion}
        </Text>
        {/* A fixed width: the text is only known after layout, so it cannot size its own box. */}
        <Text style={{ width: 64, textAlign: "right", color: colors.text }} render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
      </View>
    </View>
  );
}
