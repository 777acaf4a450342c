import { useTranslation } from 'react-i18next';
import { useLogout } from './useLogout';

export function LogoutButton({ className = 'button' }: { className?: string }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <button type="button" className={className} disabled={logout.isPending} onClick={() => logout.mutate()}>
      {t('shell.logout')}
    </button>
  );
}
