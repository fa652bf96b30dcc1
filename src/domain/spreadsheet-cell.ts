/**
 * Text a spreadsheet would run as a formula (CSV injection): what it looks like, and how a
 * cell is written so that it stays text, as OWASP recommends.
 */

/** The first characters that make a spreadsheet read a cell as a formula or a command. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a spreadsheet would take `text` for a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** A cell for an exported CSV: a formula-looking text gets a leading `'`, which keeps it text. */
export function spreadsheetCell(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
