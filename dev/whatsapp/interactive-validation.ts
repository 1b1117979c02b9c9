/**
 * Interactive messages (reply buttons and lists) checked against the limits Meta documents for
 * POST /messages: https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages
 * and .../interactive-list-messages. Shape and length problems are code 100; duplicate ids or titles
 * (well-formed but clashing values) are 131009.
 */
import { valueNotValid } from "./graph-errors";
import {
  fail,
  fieldName,
  requireArray,
  requireObject,
  optionalObject,
  requireOneOf,
  requireString,
  optionalString,
  type FieldPath,
  type JsonObject,
} from "./json-fields";
import type { OutboundButton, OutboundContent } from "./types";

const LIMITS = {
  buttonBody: 1024,
  listBody: 4096,
  headerText: 60,
  footerText: 60,
  buttons: 3,
  buttonId: 256,
  buttonTitle: 20,
  listButton: 20,
  sections: 10,
  sectionTitle: 24,
  rows: 10,
  rowId: 200,
  rowTitle: 24,
  rowDescription: 72,
} as const;

export function checkInteractive(message: JsonObject): Omit<OutboundContent, "contextWamid"> {
  const interactive = requireObject(message.interactive, ["interactive"]);
  const kind = requireOneOf(interactive.type, ["interactive", "type"], ["button", "list"] as const);
  const body = requireObject(interactive.body, ["interactive", "body"]);
  const text = requireString(body.text, ["interactive", "body", "text"], { max: kind === "button" ? LIMITS.buttonBody : LIMITS.listBody });
  const header = checkHeader(interactive.header);
  const footerObject = optionalObject(interactive.footer, ["interactive", "footer"]);
  const footer = footerObject ? requireString(footerObject.text, ["interactive", "footer", "text"], { max: LIMITS.footerText }) : undefined;
  const action = requireObject(interactive.action, ["interactive", "action"]);
  const common = { type: "interactive" as const, text, ...(header === undefined ? {} : { header }), ...(footer === undefined ? {} : { footer }) };
  if (kind === "button") return { ...common, buttons: checkButtons(action) };
  const list = checkList(action);
  return { ...common, buttons: list.rows, listButton: list.button };
}

function checkHeader(value: unknown): string | undefined {
  const header = optionalObject(value, ["interactive", "header"]);
  if (!header) return undefined;
  // Meta also allows image / video / document headers on button messages; the bot sends none.
  requireOneOf(header.type, ["interactive", "header", "type"], ["text"] as const);
  return requireString(header.text, ["interactive", "header", "text"], { max: LIMITS.headerText });
}

function checkButtons(action: JsonObject): OutboundButton[] {
  const path: FieldPath = ["interactive", "action", "buttons"];
  const buttons = requireArray(action.buttons, path, { min: 1, max: LIMITS.buttons }).map((value, index) => {
    const button = requireObject(value, [...path, index]);
    requireOneOf(button.type, [...path, index, "type"], ["reply"] as const);
    const reply = requireObject(button.reply, [...path, index, "reply"]);
    return {
      id: requireString(reply.id, [...path, index, "reply", "id"], { max: LIMITS.buttonId }),
      title: requireString(reply.title, [...path, index, "reply", "title"], { max: LIMITS.buttonTitle }),
    };
  });
  rejectDuplicates(buttons.map((button) => button.id), (index) => [...path, index, "reply", "id"], "button ids must be unique");
  rejectDuplicates(buttons.map((button) => button.title), (index) => [...path, index, "reply", "title"], "button titles must be unique");
  return buttons;
}

function checkList(action: JsonObject): { button: string; rows: OutboundButton[] } {
  const button = requireString(action.button, ["interactive", "action", "button"], { max: LIMITS.listButton });
  const sectionsPath: FieldPath = ["interactive", "action", "sections"];
  const sections = requireArray(action.sections, sectionsPath, { min: 1, max: LIMITS.sections });
  const rows: Array<OutboundButton & { path: FieldPath }> = [];
  sections.forEach((value, sectionIndex) => {
    const sectionPath = [...sectionsPath, sectionIndex];
    const section = requireObject(value, sectionPath);
    // A single section may go untitled; with several, each needs a title to tell them apart.
    if (sections.length > 1 || section.title !== undefined) requireString(section.title, [...sectionPath, "title"], { max: LIMITS.sectionTitle });
    const sectionRows = requireArray(section.rows, [...sectionPath, "rows"], { min: 1, max: LIMITS.rows });
    sectionRows.forEach((rowValue, rowIndex) => {
      const rowPath = [...sectionPath, "rows", rowIndex];
      const row = requireObject(rowValue, rowPath);
      const description = optionalString(row.description, [...rowPath, "description"], { max: LIMITS.rowDescription });
      rows.push({
        path: rowPath,
        id: requireString(row.id, [...rowPath, "id"], { max: LIMITS.rowId }),
        title: requireString(row.title, [...rowPath, "title"], { max: LIMITS.rowTitle }),
        ...(description === undefined ? {} : { description }),
      });
    });
  });
  if (rows.length > LIMITS.rows) fail(sectionsPath, `must have at most ${LIMITS.rows} rows in total across all sections (got ${rows.length})`);
  rejectDuplicates(rows.map((row) => row.id), (index) => [...(rows[index]?.path ?? sectionsPath), "id"], "row ids must be unique across all sections");
  return { button, rows: rows.map(({ path: _path, ...row }) => row) };
}

function rejectDuplicates(values: string[], pathOf: (index: number) => FieldPath, rule: string) {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) throw valueNotValid(`Param ${fieldName(pathOf(index))} is a duplicate: ${rule}`);
    seen.add(value);
  });
}
