import { z } from 'zod';
import type { Ctx } from '../../context';
import { ANY_MEMBER, memberOfRequest } from '../../http/access';
import type { Scope } from '../../db/scope';
import type { App } from '../../http/types';
import type { Member } from '../workspaces/service';
import { assignConversation, closeConversation, reopenConversation, setBlocked, setBotPause } from './actions';

const convParams = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });
const optionalId = z.number().int().positive().nullable();

/**
 * What an agent does to a conversation they can see. Each answers the conversation as the caller now sees
 * it, or `{ conversation: null }` when the action took it out of their sight (handing it to someone else).
 */
export function conversationActionRoutes(app: App, ctx: Ctx) {
  const route = <B extends z.ZodType>(
    path: string,
    body: B,
    run: (req: { member: Member; scope: Scope; id: number; body: z.infer<B> }) => Promise<unknown>,
  ) =>
    app.post(
      `/api/w/:slug/conversations/:id/${path}`,
      { config: { access: ANY_MEMBER }, schema: { params: convParams, body } },
      async (req) => {
        const { member, scope } = memberOfRequest(req);
        const conversation = await run({ member, scope, id: req.params.id, body: req.body as z.infer<B> });
        return { conversation };
      },
    );

  route('assign', z.object({ userId: optionalId, teamId: optionalId }), ({ member, scope, id, body }) =>
    assignConversation(ctx, scope, member, id, body),
  );
  route(
    'close',
    z.object({
      category: z.string().max(80).nullable().optional(),
      summary: z.string().max(5000).nullable().optional(),
    }),
    ({ member, scope, id, body }) => closeConversation(ctx, scope, member, id, body),
  );
  route('reopen', z.object({}), ({ member, scope, id }) => reopenConversation(ctx, scope, member, id));
  route(
    'bot',
    z.object({
      paused: z.boolean(),
      minutes: z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 365)
        .nullable()
        .optional(),
    }),
    ({ member, scope, id, body }) => setBotPause(ctx, scope, member, id, body),
  );
  route('block', z.object({ blocked: z.boolean() }), ({ member, scope, id, body }) =>
    setBlocked(ctx, scope, member, id, body.blocked),
  );
}
