import { INTERACTIVE_LIMITS as L, type Interactive, interactiveSchema } from '@charla/contracts/interactive';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';

type List = Extract<Interactive, { type: 'list' }>;

const emptyButtons = (): Interactive => ({ type: 'buttons', buttons: [{ title: '' }] });
const emptyList = (): Interactive => ({
  type: 'list',
  button: '',
  sections: [{ title: '', rows: [{ title: '', description: '' }] }],
});

/** Whether the options are complete and within Meta's limits (the server checks the same schema). */
export const interactiveValid = (value: Interactive | null) => !value || interactiveSchema.safeParse(value).success;

interface InteractiveEditorProps {
  value: Interactive | null;
  onChange: (value: Interactive | null) => void;
}

/**
 * The options an agent adds under a reply: up to 3 reply buttons, or a list (WhatsApp shows it with its
 * sections; other channels get the rows as buttons or numbered text). Only offered inside the window.
 */
export function InteractiveEditor({ value, onChange }: InteractiveEditorProps) {
  const { t } = useTranslation();
  if (!value)
    return (
      <button type="button" className="button button-small" onClick={() => onChange(emptyButtons())}>
        {t('messages.composer.interactive.add')}
      </button>
    );
  return (
    <fieldset className="interactive-editor" data-testid="interactive-editor">
      <legend>{t('messages.composer.interactive.title')}</legend>
      <SelectField
        label={t('messages.composer.interactive.kind')}
        value={value.type}
        onChange={(e) => onChange(e.target.value === 'list' ? emptyList() : emptyButtons())}
        options={[
          { value: 'buttons', label: t('messages.composer.interactive.kinds.buttons', { max: L.buttons }) },
          { value: 'list', label: t('messages.composer.interactive.kinds.list', { max: L.rows }) },
        ]}
      />
      {value.type === 'buttons' ? (
        <>
          {value.buttons.map((b, i) => (
            <TextField
              // biome-ignore lint/suspicious/noArrayIndexKey: buttons are edited in place by position
              key={i}
              label={t('messages.composer.interactive.button', { n: i + 1 })}
              value={b.title}
              maxLength={L.buttonTitle}
              onChange={(e) =>
                onChange({ ...value, buttons: value.buttons.map((x, j) => (j === i ? { title: e.target.value } : x)) })
              }
            />
          ))}
          {value.buttons.length < L.buttons && (
            <button
              type="button"
              className="button button-small"
              onClick={() => onChange({ ...value, buttons: [...value.buttons, { title: '' }] })}
            >
              {t('messages.composer.interactive.addButton')}
            </button>
          )}
        </>
      ) : (
        <ListFields value={value} onChange={onChange} />
      )}
      <button type="button" className="button button-small" onClick={() => onChange(null)}>
        {t('messages.composer.interactive.remove')}
      </button>
    </fieldset>
  );
}

function ListFields({ value, onChange }: { value: List; onChange: (value: Interactive) => void }) {
  const { t } = useTranslation();
  const rows = value.sections.reduce((n, s) => n + s.rows.length, 0);
  const setSection = (i: number, section: List['sections'][number]) =>
    onChange({ ...value, sections: value.sections.map((s, j) => (j === i ? section : s)) });
  return (
    <>
      <TextField
        label={t('messages.composer.interactive.menuButton')}
        value={value.button}
        maxLength={L.listButton}
        onChange={(e) => onChange({ ...value, button: e.target.value })}
      />
      {value.sections.map((section, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sections are edited in place by position
        <div className="interactive-section" key={i}>
          <TextField
            label={t('messages.composer.interactive.section', { n: i + 1 })}
            value={section.title}
            maxLength={L.sectionTitle}
            onChange={(e) => setSection(i, { ...section, title: e.target.value })}
          />
          {section.rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place by position
            <div className="chat-menu-row" key={r}>
              <TextField
                label={t('messages.composer.interactive.row', { n: r + 1 })}
                value={row.title}
                maxLength={L.rowTitle}
                onChange={(e) =>
                  setSection(i, {
                    ...section,
                    rows: section.rows.map((x, j) => (j === r ? { ...x, title: e.target.value } : x)),
                  })
                }
              />
              <TextField
                label={t('messages.composer.interactive.description')}
                value={row.description}
                maxLength={L.rowDescription}
                onChange={(e) =>
                  setSection(i, {
                    ...section,
                    rows: section.rows.map((x, j) => (j === r ? { ...x, description: e.target.value } : x)),
                  })
                }
              />
            </div>
          ))}
          {rows < L.rows && (
            <button
              type="button"
              className="button button-small"
              onClick={() => setSection(i, { ...section, rows: [...section.rows, { title: '', description: '' }] })}
            >
              {t('messages.composer.interactive.addRow')}
            </button>
          )}
        </div>
      ))}
      {rows < L.rows && value.sections.length < L.sections && (
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            onChange({ ...value, sections: [...value.sections, { title: '', rows: [{ title: '', description: '' }] }] })
          }
        >
          {t('messages.composer.interactive.addSection')}
        </button>
      )}
    </>
  );
}
