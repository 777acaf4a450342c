import { localeSchema } from '@charla/contracts';
import { z } from 'zod';
import type { Access } from '../../http/access';
import { ANY_MEMBER, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { atLeastOneField } from '../../http/validation';
import { audit } from '../audit/service';
import { businessHoursSchema } from './business-hours';
import { closingNotesSchema } from './closing-notes';
import { serializeSettings, updateBusinessHours, updateClosingNotes, updateGeneralSettings } from './settings';

const slugParams = z.object({ slug: z.string() });
const SETTINGS_EDITORS: Access = { roles: ['owner', 'manager'], restriction: 'workspace_settings' };

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Settings → General, Closing notes and Business hours. Every member reads them (closing needs the categories). */
export function workspaceSettingsRoutes(app: App) {
  app.get('/api/w/:slug/settings', { config: { access: ANY_MEMBER }, schema: { params: slugParams } }, async (req) => {
    return serializeSettings(memberOfRequest(req).member.workspace);
  });

  app.patch(
    '/api/w/:slug/settings/general',
    {
      config: { access: SETTINGS_EDITORS },
      schema: {
        params: slugParams,
        body: atLeastOneField(
          z.object({
            name: z.string().trim().min(1).max(100).optional(),
            timezone: z.string().refine(isTimeZone, 'unknown_time_zone').optional(),
            locale: localeSchema.optional(),
            defaultCountry: z
              .string()
              .regex(/^[A-Z]{2}$/)
              .nullable()
              .optional(),
          }),
        ),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      const settings = await updateGeneralSettings(scope, req.body);
      await audit(scope, member.userId, 'workspace.settings_updated', { fields: Object.keys(req.body) });
      return settings;
    },
  );

  app.put(
    '/api/w/:slug/settings/closing-notes',
    { config: { access: SETTINGS_EDITORS }, schema: { params: slugParams, body: closingNotesSchema } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return updateClosingNotes(scope, member.workspace, req.body);
    },
  );

  app.put(
    '/api/w/:slug/settings/business-hours',
    {
      config: { access: SETTINGS_EDITORS },
      schema: {
        params: slugParams,
        body: businessHoursSchema.extend({ timezone: z.string().refine(isTimeZone, 'unknown_time_zone').optional() }),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      const settings = await updateBusinessHours(scope, member.workspace, req.body);
      await audit(scope, member.userId, 'workspace.settings_updated', { fields: ['businessHours'] });
      return settings;
    },
  );
}
