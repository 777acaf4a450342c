import { and, desc, lt, type SQL } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contacts } from '../../db/schema';
import { listCustomFields } from './custom-fields';
import { csvLine } from './import/csv';

const PAGE = 1000;

/**
 * The contacts of a list query (`filter`, from contactListWhere: what the member sees in the list), as CSV lines: a header, then pages
 * of PAGE rows by descending id (keyset, so a large export never holds more than a page). Cells are
 * neutralised against spreadsheet formula injection by `csvLine`. Starts with a BOM so spreadsheets read
 * UTF-8.
 */
export async function* exportContactsCsv(scope: Scope, filter: SQL): AsyncGenerator<string> {
  const fields = await listCustomFields(scope);
  yield `\uFEFF${csvLine(['id', 'firstName', 'lastName', 'phone', 'email', 'country', 'language', 'lifecycleStage', 'createdAt', ...fields.map((f) => f.key)])}`;
  let before: number | null = null;
  for (;;) {
    const page: (typeof contacts.$inferSelect)[] = await scope
      .find(contacts, and(filter, before === null ? undefined : lt(contacts.id, before)))
      .orderBy(desc(contacts.id))
      .limit(PAGE);
    if (page.length === 0) return;
    let chunk = '';
    for (const c of page) {
      chunk += csvLine([
        c.id,
        c.firstName,
        c.lastName,
        c.phone,
        c.email,
        c.country,
        c.language,
        c.lifecycleStage,
        c.createdAt.toISOString(),
        ...fields.map((f) => c.customFields[f.key]),
      ]);
    }
    yield chunk;
    if (page.length < PAGE) return;
    before = page[page.length - 1]!.id;
  }
}
