/**
 * CSV as German Excel reads it: UTF-8 with a byte-order mark, semicolons between fields, CRLF line
 * ends, fields quoted when they hold a quote, semicolon or line break. A cell that a spreadsheet
 * would take for a formula (starting with = + - @, a tab or a carriage return) gets a leading
 * apostrophe, so that a name like "=HYPERLINK(…)" stays text.
 */

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, neutralised against formula injection and quoted where needed. */
export function csvCell(value: string | number): string {
  let text = typeof value === 'number' ? String(value) : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: a header row and data rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return `${BOM}${[header, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
