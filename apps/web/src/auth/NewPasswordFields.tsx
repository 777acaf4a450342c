import { useTranslation } from 'react-i18next';
import { TextField } from '../common/TextField';

export const minPasswordLength = 8;

export interface NewPassword {
  password: string;
  confirmation: string;
}

/** The i18n key of what is wrong with a new password, or null when it can be sent. */
export function newPasswordProblem({ password, confirmation }: NewPassword) {
  if (password.length < minPasswordLength) return 'errors.password_too_short' as const;
  if (password !== confirmation) return 'errors.passwords_mismatch' as const;
  return null;
}

interface NewPasswordFieldsProps {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
}

/** Password and confirmation inputs for choosing a new password. */
export function NewPasswordFields({ value, onChange }: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('auth.newPassword')}
        hint={t('auth.passwordHint', { count: minPasswordLength })}
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        value={value.password}
        onChange={(event) => onChange({ ...value, password: event.target.value })}
      />
      <TextField
        label={t('auth.confirmPassword')}
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        required
        value={value.confirmation}
        onChange={(event) => onChange({ ...value, confirmation: event.target.value })}
      />
    </>
  );
}
