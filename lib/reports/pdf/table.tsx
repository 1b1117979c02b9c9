import { Text, View, type Styles } from "@react-pdf/renderer";
import { colors } from "./theme";

export type Style = Styles[string];

export interface Column<Row> {
  header: string;
  /** A share of the table width (flex-grow); columns with a fixed `width` ignore it. */
  flex?: number;
  /** Points. */
  width?: number;
  align?: "left" | "right";
  cell: (row: Row) => string;
  /** Extra style for a cell, e.g. a colour for a status. */
  cellStyle?: (row: Row) => Style | undefined;
  strong?: boolean;
}

/**
 * A table that can run over several pages: each row stays whole, and the header row is `fixed`, so
 * react-pdf repeats it at the top of every page the table continues on.
 */
export function Table<Row>({ columns, rows, rowKey }: { columns: readonly Column<Row>[]; rows: readonly Row[]; rowKey: (row: Row, index: number) => string }) {
  return (
    <View>
      <View fixed style={{ flexDirection: "row", backgroundColor: colors.panel, borderBottomWidth: 0.75, borderBottomColor: colors.ruleStrong }}>
        {columns.map((column) => (
          <Text key={column.header} style={[cellBox(column), { fontSize: 7, fontWeight: 600, color: colors.muted, letterSpacing: 0.3 }]}>
            {column.header.toUpperCase()}
          </Text>
        ))}
      </View>
      {rows.map((row, index) => (
        <View
          key={rowKey(row, index)}
          wrap={false}
          style={{
            flexDirection: "row",
            borderBottomWidth: 0.5,
            borderBottomColor: colors.rule,
            backgroundColor: index % 2 === 1 ? "#fcfcfd" : colors.white,
          }}
        >
          {columns.map((column) => (
            <Text
              key={column.header}
              style={[cellBox(column), column.strong ? { fontWeight: 600, color: colors.ink } : {}, column.cellStyle?.(row) ?? {}]}
            >
              {column.cell(row)}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function cellBox<Row>(column: Column<Row>): Style {
  const size: Style = column.width !== undefined ? { width: column.width } : { flexGrow: column.flex ?? 1, flexBasis: 0 };
  return { ...size, paddingVertical: 3.5, paddingHorizontal: 4, textAlign: column.align ?? "left" };
}

/** Two columns of label and value, for a record with a handful of fields. */
export function FactList({ items }: { items: readonly { label: string; value: string; valueStyle?: Style }[] }) {
  return (
    <View>
      {items.map((item) => (
        <View key={item.label} wrap={false} style={{ flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: colors.rule, paddingVertical: 3.5 }}>
          <Text style={{ width: 170, paddingHorizontal: 4, color: colors.muted }}>{item.label}</Text>
          <Text style={[{ flex: 1, paddingHorizontal: 4, fontWeight: 600, color: colors.ink }, item.valueStyle ?? {}]}>{item.value}</Text>
        </View>
      ))}
    </View>
  );
}
