import { Text, View } from "@react-pdf/renderer";
import type { ReportViewModel } from "../view-model";
import { colors, page } from "./theme";

/** Repeated on every page: who the report is for, and what it is. */
export function ReportHeader({ view }: { view: ReportViewModel }) {
  return (
    <View
      fixed
      style={{
        position: "absolute",
        top: 28,
        left: page.marginX,
        right: page.marginX,
        flexDirection: "row",
        justifyContent: "space-between",
        alignItems: "flex-end",
        borderBottomWidth: 1.5,
        borderBottomColor: colors.brand,
        paddingBottom: 6,
      }}
    >
      <View style={{ flexShrink: 1, paddingRight: 12 }}>
        <Text style={{ fontSize: 7.5, color: colors.muted, letterSpacing: 0.4 }}>{view.organisationName}</Text>
        <Text style={{ fontSize: 14, lineHeight: 1.25, fontWeight: 700, color: colors.brand }}>Tenant risk report</Text>
      </View>
      <View style={{ alignItems: "flex-end", maxWidth: 250 }}>
        <Text style={{ fontSize: 9, fontWeight: 600, color: colors.ink }}>{view.subject.name}</Text>
        <Text style={{ fontSize: 7.5, color: colors.muted }}>
          {view.subject.identifierLabel} {view.subject.maskedIdentifier}
        </Text>
      </View>
    </View>
  );
}
