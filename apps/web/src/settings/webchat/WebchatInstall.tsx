import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../common/CopyButton';

const PLATFORMS = ['wordpress', 'shopify', 'wix', 'squarespace'] as const;

/** The one-line snippet with a copy button, and where to paste it on common site builders. */
export function WebchatInstall({ snippet }: { snippet: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset">
      <legend>{t('settings.webchat.install.title')}</legend>
      <p>{t('settings.webchat.install.snippet')}</p>
      <div className="secret-list">
        <code className="code-block" data-testid="webchat-snippet">
          {snippet}
        </code>
        <CopyButton text={snippet} />
      </div>
      <ul className="muted">
        {PLATFORMS.map((p) => (
          <li key={p}>{t(`settings.webchat.install.${p}`)}</li>
        ))}
      </ul>
    </fieldset>
  );
}
