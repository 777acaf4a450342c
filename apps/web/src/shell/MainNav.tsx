import type { Role } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { NavIcon, type NavIconName } from './NavIcon';

const sections: { name: NavIconName; roles: readonly Role[] }[] = [
  { name: 'dashboard', roles: ['owner', 'manager', 'agent'] },
  { name: 'messages', roles: ['owner', 'manager', 'agent'] },
  { name: 'contacts', roles: ['owner', 'manager', 'agent'] },
  { name: 'workflows', roles: ['owner', 'manager'] },
  { name: 'broadcasts', roles: ['owner', 'manager'] },
  { name: 'reports', roles: ['owner', 'manager'] },
  { name: 'settings', roles: ['owner', 'manager'] },
];

/** The modules the user's role can open (agents: inbox and contacts, per SPEC §8). */
export function MainNav({ slug, role }: { slug: string; role: Role }) {
  const { t } = useTranslation();
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      {sections
        .filter((section) => section.roles.includes(role))
        .map((section) => (
          <NavLink key={section.name} to={`/w/${slug}/${section.name}`} className="main-nav-link">
            <NavIcon name={section.name} />
            <span>{t(`nav.${section.name}`)}</span>
          </NavLink>
        ))}
    </nav>
  );
}
