import { Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { styles } from "./theme";

/**
 * A section heading that is never left alone at the bottom of a page. react-pdf only honours
 * `minPresenceAhead` when the heading has an earlier sibling in the same container to break before,
 * so a section is a heading and its content side by side in the page flow, not wrapped in a View.
 */
export function SectionTitle({ title, count, first = false }: { title: string; count?: string | undefined; first?: boolean }) {
  return (
    <View style={[styles.sectionHeading, first ? {} : styles.section]} minPresenceAhead={56}>
      <Text style={styles.sectionTitle}>{title}</Text>
      {count ? <Text style={styles.sectionCount}>{count}</Text> : null}
    </View>
  );
}

export function Section({ title, count, children, first = false }: { title: string; count?: string | undefined; children: ReactNode; first?: boolean }) {
  return (
    <>
      <SectionTitle title={title} count={count} first={first} />
      {children}
    </>
  );
}
