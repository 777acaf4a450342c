import { useTranslation } from 'react-i18next';
import { NumberInput, Select, TextInput } from './fields';
import { RowsField } from './RowsField';
import type { StepFormProps } from './stepForm';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Solicitud HTTP: method, URL, up to 10 headers, body, timeout and JSON response → variables. */
export function HttpForm({ step, onChange, err }: StepFormProps<'http_request'>) {
  const { t } = useTranslation();
  const set = (patch: Partial<typeof step>) => onChange({ ...step, ...patch });
  return (
    <>
      <Select
        label={t('workflows.form.method')}
        value={step.method}
        options={METHODS.map((m) => ({ value: m, label: m }))}
        onChange={(method) => set({ method })}
      />
      <TextInput
        label={t('workflows.form.url')}
        value={step.url}
        error={err('url')}
        placeholder="https://"
        onChange={(url) => set({ url })}
      />
      <RowsField
        legend={t('workflows.form.headers')}
        rows={step.headers}
        max={10}
        blank={{ name: '', value: '' }}
        columns={[
          { key: 'name', label: t('workflows.form.headerName') },
          { key: 'value', label: t('workflows.form.headerValue') },
        ]}
        err={(p) => err(`headers.${p}`)}
        onChange={(headers) => set({ headers })}
      />
      {step.method !== 'GET' && (
        <TextInput
          multiline
          label={t('workflows.form.body')}
          value={step.body}
          error={err('body')}
          onChange={(body) => set({ body: body || undefined })}
        />
      )}
      <NumberInput
        label={t('workflows.form.timeoutSeconds')}
        value={step.timeoutSeconds}
        error={err('timeoutSeconds')}
        onChange={(timeoutSeconds) => set({ timeoutSeconds: timeoutSeconds ?? 10 })}
      />
      <RowsField
        legend={t('workflows.form.mapping')}
        rows={step.mapping}
        max={20}
        blank={{ path: '', variable: '' }}
        columns={[
          { key: 'path', label: t('workflows.form.path') },
          { key: 'variable', label: t('workflows.form.variable') },
        ]}
        err={(p) => err(`mapping.${p}`)}
        onChange={(mapping) => set({ mapping })}
      />
    </>
  );
}
