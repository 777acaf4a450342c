import { useTranslation } from 'react-i18next';
import type { CreatedChannel } from '../api/types';
import { CopyButton } from '../common/CopyButton';

export interface ShownValue {
  label: string;
  value: string;
  testId: string;
}

interface CreatedChannelCardProps {
  created: CreatedChannel;
  /** Why the user must copy now (values shown only this once). */
  warning: string;
  values: ShownValue[];
  help: string;
  onDismiss: () => void;
}

/** A just-created channel with the values to copy into the other system, each with a copy button. */
export function CreatedChannelCard({ created, warning, values, help, onDismiss }: CreatedChannelCardProps) {
  const { t } = useTranslation();
  return (
    <section className="card card-highlight" aria-live="polite">
      <h2>{t('settings.channels.created.title', { name: created.channel.name })}</h2>
      <p className="notice notice-warning">{warning}</p>
      <dl className="secret-list">
        {values.map((shown) => (
          <div key={shown.testId} className="secret-list-item">
            <dt>{shown.label}</dt>
            <dd>
              <code className="code-block" data-testid={shown.testId}>
                {shown.value}
              </code>
              <CopyButton text={shown.value} />
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted">{help}</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onDismiss}>
          {t('settings.channels.created.dismiss')}
        </button>
      </div>
    </section>
  );
}
