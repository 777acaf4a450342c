import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queryKeys';
import type { CustomField, ItemsResponse } from '../../api/types';
import { workspacePath } from '../../api/workspacePath';
import { ErrorNotice } from '../../common/ErrorNotice';
import { CSV_ENCODINGS, type CsvEncoding } from '@charla/contracts';
import { type ContactImport, type ImportPurpose, importApi, STANDARD_FIELDS } from './importApi';

type Draft = ContactImport & { sample: string[][] };
const PURPOSES: ImportPurpose[] = ['upsert', 'add', 'update', 'add_all'];

/** Upload → mapping → review → progress, in a dialog over the contacts list. */
export function ImportWizard({ slug, onClose }: { slug: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [purpose, setPurpose] = useState<ImportPurpose>('upsert');
  const [doNotOverwrite, setDoNotOverwrite] = useState(false);
  const [step, setStep] = useState<'upload' | 'mapping' | 'review' | 'progress'>('upload');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = useQuery({
    queryKey: queryKeys.customFields(slug),
    queryFn: () => api.get<ItemsResponse<CustomField>>(`${workspacePath(slug)}/custom-fields`),
  });
  // Progress arrives over the realtime socket (useRealtime writes it into this query); the slow poll covers a
  // socket that is reconnecting or an event missed meanwhile.
  const run = useQuery({
    queryKey: queryKeys.contactImport(slug, draft?.id ?? 0),
    queryFn: () => importApi.get(slug, draft!.id),
    enabled: step === 'progress' && !!draft,
    refetchInterval: (q) => (q.state.data && ['done', 'failed'].includes(q.state.data.status) ? false : 10_000),
  });
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const upload = (file: File) =>
    act(async () => {
      const d = await importApi.upload(slug, file);
      setDraft(d);
      setMapping(d.mapping);
      setStep('mapping');
    });
  const reread = (encoding: CsvEncoding) =>
    act(async () => {
      const d = await importApi.setEncoding(slug, draft!.id, encoding);
      setDraft(d);
      setMapping(d.mapping);
    });
  const start = () =>
    act(async () => {
      await importApi.start(slug, draft!.id, { mapping, purpose, doNotOverwrite });
      setStep('progress');
    });
  const close = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.contactLists(slug) });
    onClose();
  };
  const fieldOptions = [
    ...STANDARD_FIELDS.map((f) => ({ value: f, label: t(`contactImport.fields.${f}`) })),
    ...(fields.data?.items ?? []).map((f) => ({ value: `custom.${f.key}`, label: f.label })),
  ];
  const setColumn = (column: number, field: string) => {
    const next = Object.fromEntries(Object.entries(mapping).filter(([c, f]) => c !== String(column) && f !== field));
    if (field) next[String(column)] = field;
    setMapping(next);
  };
  const current = run.data;
  const pct = current && current.totalRows > 0 ? Math.round((current.processedRows / current.totalRows) * 100) : 0;

  return (
    <div className="dialog-backdrop" role="presentation">
      <div className="dialog card" role="dialog" aria-modal="true" aria-labelledby="import-title">
        <h2 id="import-title">{t('contactImport.title')}</h2>
        {error !== null && <ErrorNotice error={error} />}
        {step === 'upload' && (
          <label className="field">
            <span>{t('contactImport.upload.label')}</span>
            <input
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              disabled={busy}
              onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
            />
            <small className="muted">{t('contactImport.upload.help')}</small>
          </label>
        )}
        {step === 'mapping' && draft && (
          <>
            <label className="field">
              <span>{t('contactImport.encoding.label')}</span>
              <select
                aria-label={t('contactImport.encoding.label')}
                value={draft.encoding}
                disabled={busy}
                onChange={(e) => void reread(e.target.value as CsvEncoding)}
              >
                {CSV_ENCODINGS.map((e) => (
                  <option key={e} value={e}>
                    {t(`contactImport.encoding.names.${e}`)}
                  </option>
                ))}
              </select>
              <small className="muted">
                {t('contactImport.encoding.detected', {
                  encoding: t(`contactImport.encoding.names.${draft.encoding}`),
                })}
              </small>
            </label>
            <p className="muted">{t('contactImport.mapping.help', { count: draft.totalRows })}</p>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('contactImport.mapping.column')}</th>
                  <th scope="col">{t('contactImport.mapping.example')}</th>
                  <th scope="col">{t('contactImport.mapping.field')}</th>
                </tr>
              </thead>
              <tbody>
                {draft.headers.map((h, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; the column position is the identity
                  <tr key={i}>
                    <td>{h}</td>
                    <td className="muted">{draft.sample[0]?.[i] ?? ''}</td>
                    <td>
                      <select
                        aria-label={t('contactImport.mapping.fieldFor', { column: h })}
                        value={mapping[String(i)] ?? ''}
                        onChange={(e) => setColumn(i, e.target.value)}
                      >
                        <option value="">{t('contactImport.mapping.skip')}</option>
                        {fieldOptions.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <fieldset className="field">
              <legend>{t('contactImport.purpose.label')}</legend>
              {PURPOSES.map((p) => (
                <label key={p} className="radio">
                  <input type="radio" name="purpose" checked={purpose === p} onChange={() => setPurpose(p)} />
                  {t(`contactImport.purpose.${p}`)}
                </label>
              ))}
            </fieldset>
            <label className="checkbox">
              <input type="checkbox" checked={doNotOverwrite} onChange={(e) => setDoNotOverwrite(e.target.checked)} />
              {t('contactImport.doNotOverwrite')}
            </label>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={close}>
                {t('common.cancel')}
              </button>
              <button type="button" className="button button-primary" onClick={() => setStep('review')}>
                {t('contactImport.next')}
              </button>
            </div>
          </>
        )}
        {step === 'review' && draft && (
          <>
            <ul>
              <li>{t('contactImport.review.rows', { count: draft.totalRows })}</li>
              <li>{t('contactImport.review.purpose', { purpose: t(`contactImport.purpose.${purpose}`) })}</li>
              {Object.entries(mapping).map(([c, f]) => (
                <li key={c}>
                  {draft.headers[Number(c)]} → {fieldOptions.find((o) => o.value === f)?.label ?? f}
                </li>
              ))}
              {doNotOverwrite && <li>{t('contactImport.doNotOverwrite')}</li>}
            </ul>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={() => setStep('mapping')}>
                {t('contactImport.back')}
              </button>
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void start()}>
                {t('contactImport.review.start')}
              </button>
            </div>
          </>
        )}
        {step === 'progress' && (
          <>
            <progress max={100} value={pct} aria-label={t('contactImport.progress.label')} />
            <p>
              {t('contactImport.progress.rows', { done: current?.processedRows ?? 0, total: current?.totalRows ?? 0 })}
            </p>
            {current?.status === 'done' && (
              <p role="status">
                {t('contactImport.progress.done', {
                  created: current.created,
                  updated: current.updated,
                  skipped: current.skipped,
                  rejected: current.rejected,
                })}
              </p>
            )}
            {current?.status === 'failed' && <p className="error">{current.error}</p>}
            {current?.rejectedFileUrl && (
              <a className="button button-small" href={current.rejectedFileUrl} download>
                {t('contactImport.progress.report')}
              </a>
            )}
            <div className="dialog-actions">
              <button type="button" className="button button-primary" onClick={close}>
                {t('contactImport.close')}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
