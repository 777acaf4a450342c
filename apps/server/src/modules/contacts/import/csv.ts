import type { CsvEncoding } from '@charla/contracts';
import { isUtf8 } from 'node:buffer';
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
 * Comma, semicolon or tab, decided by the header line (spreadsheets in Spanish-speaking locales save with
 * `;` because `,` is their decimal separator; Excel's "Unicode text" is tab-separated). Counts separators
 * outside quotes on the first line only; commas win a tie.
 */
export function detectDelimiter(head: string): ',' | ';' | '\t' {
  let inQuotes = false;
  const counts = { ',': 0, ';': 0, '\t': 0 };
  for (const ch of head.replace(/^\uFEFF/, '')) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  const best = Math.max(counts[','], counts[';'], counts['\t']);
  return counts[','] === best ? ',' : counts[';'] === best ? ';' : '\t';
}

/** The encoding a file announces with its BOM, else UTF-8 when every byte sequence is valid UTF-8, else Windows-1252. */
export function detectEncoding(bytes: Buffer): CsvEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // Checked over the whole file (no copy): a "ñ" on line 90,000 must not turn into mojibake.
  return isUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

const CHUNK = 256 * 1024;

/** The file as text chunks in `encoding` (a BOM is dropped; a character split between chunks is kept whole). */
function* decodedChunks(bytes: Buffer, encoding: CsvEncoding): Generator<Buffer | string> {
  if (encoding === 'utf-8') {
    // The parser reads UTF-8 bytes itself (and drops their BOM).
    for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
    return;
  }
  const decoder = new TextDecoder(encoding);
  for (let i = 0; i < bytes.length; i += CHUNK) yield decoder.decode(bytes.subarray(i, i + CHUNK), { stream: true });
  yield decoder.decode();
}

/**
 * The rows of a CSV file, streamed (a 200,000-row file is never held as parsed rows): UTF-8 with or
 * without BOM, UTF-16 or Windows-1252 (see detectEncoding), comma or semicolon, quoted cells may hold
 * newlines. Blank lines are skipped; rows may be shorter or longer than the header (missing cells read as
 * empty).
 */
export function csvRows(bytes: Buffer, encoding: CsvEncoding = 'utf-8'): AsyncIterable<string[]> {
  const head = new TextDecoder(encoding).decode(bytes.subarray(0, 64 * 1024));
  // Chunks, not one buffer: the parser yields rows while the rest is still being read.
  return Readable.from(decodedChunks(bytes, encoding)).pipe(
    parse({
      bom: true,
      delimiter: detectDelimiter(head),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }),
  );
}

/** The header and up to `limit` first data rows, for the mapping step. */
export async function csvPreview(
  bytes: Buffer,
  encoding: CsvEncoding,
  limit = 5,
): Promise<{ headers: string[]; sample: string[][]; rows: number }> {
  let headers: string[] | null = null;
  const sample: string[][] = [];
  let rows = 0;
  for await (const row of csvRows(bytes, encoding)) {
    if (!headers) {
      headers = row.map((h) => h.trim());
      continue;
    }
    rows++;
    if (sample.length < limit) sample.push(row);
  }
  return { headers: headers ?? [], sample, rows };
}
