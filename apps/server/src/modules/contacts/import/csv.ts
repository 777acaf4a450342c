import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/**
 * Spreadsheet programs run a cell starting with one of these as a formula (CSV injection); a leading
 * apostrophe makes them show it as text instead.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell, quoted when needed and neutralised when a spreadsheet would execute it. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * Semicolon or comma, decided by the header line (spreadsheets in Spanish-speaking locales save with `;`
 * because `,` is their decimal separator). Counts separators outside quotes on the first line only.
 */
export function detectDelimiter(head: string): ',' | ';' {
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  for (const ch of head.replace(/^\uFEFF/, '')) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch === ',') commas++;
    else if (!inQuotes && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * The rows of a CSV file, streamed (a 200,000-row file is never held as parsed rows): UTF-8 with or
 * without BOM, comma or semicolon, quoted cells may hold newlines. Blank lines are skipped; rows may be
 * shorter or longer than the header (missing cells read as empty).
 */
export function csvRows(bytes: Buffer): AsyncIterable<string[]> {
  const delimiter = detectDelimiter(bytes.subarray(0, 64 * 1024).toString('utf8'));
  // Chunks, not one buffer: the parser yields rows while the rest is still being read.
  const chunks = (function* () {
    for (let i = 0; i < bytes.length; i += 256 * 1024) yield bytes.subarray(i, i + 256 * 1024);
  })();
  return Readable.from(chunks).pipe(
    parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: false }),
  );
}

/** The header and up to `limit` first data rows, for the mapping step. */
export async function csvPreview(
  bytes: Buffer,
  limit = 5,
): Promise<{ headers: string[]; sample: string[][]; rows: number }> {
  let headers: string[] | null = null;
  const sample: string[][] = [];
  let rows = 0;
  for await (const row of csvRows(bytes)) {
    if (!headers) {
      headers = row.map((h) => h.trim());
      continue;
    }
    rows++;
    if (sample.length < limit) sample.push(row);
  }
  return { headers: headers ?? [], sample, rows };
}
