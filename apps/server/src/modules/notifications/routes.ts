import { z } from 'zod';
import { ANY_MEMBER, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './service';

const slugParams = z.object({ slug: z.string() });

/** Each member reads and clears only their own notifications. */
export function notificationRoutes(app: App) {
  app.get(
    '/api/w/:slug/notifications',
    { config: { access: ANY_MEMBER }, schema: { params: slugParams } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return listNotifications(scope, member);
    },
  );

  app.post(
    '/api/w/:slug/notifications/:id/read',
    {
      config: { access: ANY_MEMBER },
      schema: { params: z.object({ slug: z.string(), id: z.coerce.number().int().positive() }) },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await markNotificationRead(scope, member, req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/w/:slug/notifications/read-all',
    { config: { access: ANY_MEMBER }, schema: { params: slugParams } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await markAllNotificationsRead(scope, member);
      return reply.status(204).send();
    },
  );
}
