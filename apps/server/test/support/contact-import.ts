import type { Session } from './http';
import { eventually } from './runtime';
import { callApi, csrfFor } from './tenant-world';

// biome-ignore lint/suspicious/noExplicitAny: test answers are read loosely
export type ImportAnswer = any;

/** Uploads a CSV to the import wizard's first step; returns the draft (headers, mapping, sample). */
export async function uploadCsv(
  s: Session,
  slug: string,
  csv: string | Buffer,
  name = 'contacts.csv',
): Promise<ImportAnswer> {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), name);
  const res = await callApi(s.baseUrl, 'POST', `/api/w/${slug}/contact-imports`, {
    cookie: s.cookieHeader,
    csrf: await csrfFor(s),
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${res.text}`);
  return res.json;
}

/** Uploads, starts with the given options (auto-mapping unless a mapping is given) and waits for the end. */
export async function importCsv(
  s: Session,
  slug: string,
  csv: string | Buffer,
  opts: { purpose?: string; doNotOverwrite?: boolean; mapping?: Record<string, string> } = {},
): Promise<ImportAnswer> {
  const draft = await uploadCsv(s, slug, csv);
  const started = await s.json('POST', `/api/w/${slug}/contact-imports/${draft.id}/start`, {
    mapping: opts.mapping ?? draft.mapping,
    purpose: opts.purpose ?? 'upsert',
    doNotOverwrite: opts.doNotOverwrite ?? false,
  });
  if (started.status !== 200) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  return eventually(async () => {
    const { body } = await s.json('GET', `/api/w/${slug}/contact-imports/${draft.id}`);
    if (body.status === 'failed') throw new Error(`import failed: ${body.error}`);
    return body.status === 'done' ? body : null;
  }, 30_000);
}
