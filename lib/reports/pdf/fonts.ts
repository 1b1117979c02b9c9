/**
 * Inter (SIL Open Font License 1.1, see lib/reports/fonts/OFL.txt), latin subset, shipped in the repo
 * so the PDF looks the same everywhere and its text is real, selectable text. The files are the WOFF
 * files of @fontsource/inter; they are unwrapped to plain TrueType once per process (see woff.ts for
 * why) and handed to react-pdf as data URLs. react-pdf subsets and embeds them in each PDF.
 *
 * The directory is found from this module (tsx, vitest, plain Node) or, failing that, from the
 * working directory: a Next.js route handler runs bundled code from .next/, where this module's own
 * location says nothing about the source tree, but the server runs in the project root.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Font } from "@react-pdf/renderer";
import { woffToSfnt } from "./woff";

export const FONT_FAMILY = "Inter";

const FONT_FILES = [
  { file: "inter-latin-400-normal.woff", fontWeight: 400 },
  { file: "inter-latin-600-normal.woff", fontWeight: 600 },
  { file: "inter-latin-700-normal.woff", fontWeight: 700 },
] as const;

const PROBE = FONT_FILES[0].file;

export function fontsDirectory(): string {
  const candidates = [
    typeof import.meta.dirname === "string" ? path.resolve(import.meta.dirname, "../fonts") : undefined,
    path.resolve(process.cwd(), "lib/reports/fonts"),
  ];
  for (const candidate of candidates) {
    if (candidate && existsSync(path.join(candidate, PROBE))) return candidate;
  }
  throw new Error(`Report fonts not found (looked for ${PROBE} in ${candidates.filter(Boolean).join(", ")})`);
}

let registered = false;

/** Registers Inter once per process; later calls do nothing. */
export function registerReportFonts(): void {
  if (registered) return;
  const directory = fontsDirectory();
  Font.register({
    family: FONT_FAMILY,
    fonts: FONT_FILES.map(({ file, fontWeight }) => ({
      src: `data:font/ttf;base64,${woffToSfnt(readFileSync(path.join(directory, file))).toString("base64")}`,
      fontWeight,
      fontStyle: "normal" as const,
    })),
  });
  // Never split a word: names, case numbers and amounts must stay whole. Long words overflow to the
  // next line instead.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}
