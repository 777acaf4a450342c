import type { Role } from '@charla/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { LineIcon, NavIcon, type NavIconName } from './NavIcon';

const sections: { name: NavIconName; roles: readonly Role[] }[] = [
  { name: 'dashboard', roles: ['owner', 'manager', 'agent'] },
  { name: 'messages', roles: ['owner', 'manager', 'agent'] },
  { name: 'contacts', roles: ['owner', 'manager', 'agent'] },
  { name: 'workflows', roles: ['owner', 'manager'] },
  { name: 'broadcasts', roles: ['owner', 'manager'] },
  { name: 'reports', roles: ['owner', 'manager'] },
  { name: 'settings', roles: ['owner', 'manager'] },
];

/**
 * The modules the user's role can open (agents: inbox and contacts, per SPEC §8). On a phone the list
 * folds behind a menu button (see shell.css), which opens it over the page until a section is chosen.
 */
export function MainNav({ slug, role }: { slug: string; role: Role }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="main-nav-link nav-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <LineIcon d={open ? 'M18 6 6 18M6 6l12 12' : 'M3 6h18M3 12h18M3 18h18'} />
        <span>{t('nav.menu')}</span>
      </button>
      <nav
        id={id}
        className={open ? 'main-nav main-nav-open' : 'main-nav'}
        aria-label={t('nav.label')}
        onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
      >
        {sections
          .filter((section) => section.roles.includes(role))
          .map((section) => (
            <NavLink
              key={section.name}
              to={`/w/${slug}/${section.name}`}
              className="main-nav-link"
              onClick={() => setOpen(false)}
            >
              <NavIcon name={section.name} />
              <span>{t(`nav.${section.name}`)}</span>
            </NavLink>
          ))}
      </nav>
    </>
  );
}
