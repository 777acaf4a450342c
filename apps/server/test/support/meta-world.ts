import { createChannel } from '../../src/modules/channels/service';
import { factories } from './factories';
import { startFakeGraph } from './fake-graph';
import { loginSession } from './http';
import type { MetaChannel } from './meta-fixtures';
import { startTestRuntime } from './runtime';

export const META_APP_SECRET = 'test_app_secret';
export const META_TOKEN = 'EAAG-fake-page-token';
export const META_PAGE = '682498302938465';
export const META_IG_ACCOUNT = '17841400000000000';

/**
 * A runtime, a fake Graph API, a workspace with its owner logged in, and one Messenger page and one
 * Instagram account pointed at the fake (the ids of the fixtures).
 */
export async function startMetaWorld() {
  const rt = await startTestRuntime();
  const graph = await startFakeGraph(META_TOKEN);
  const setup = await factories(rt.ctx).workspace();
  const session = await loginSession(rt.url, setup.owner.email);
  const add = async (type: MetaChannel, config: Record<string, unknown>) => {
    const { channel } = await createChannel(rt.ctx, setup.scope, {
      type,
      name: type,
      config: { appSecret: META_APP_SECRET, apiBaseUrl: graph.apiBaseUrl, ...config },
    });
    return { id: channel.id, type: channel.type };
  };
  const messenger = await add('messenger', { pageAccessToken: META_TOKEN, pageId: META_PAGE });
  const instagram = await add('instagram', { accessToken: META_TOKEN, instagramAccountId: META_IG_ACCOUNT });
  return {
    rt,
    graph,
    setup,
    session,
    messenger,
    instagram,
    close: async () => {
      await graph.close();
      await rt.close();
    },
  };
}
export type MetaWorld = Awaited<ReturnType<typeof startMetaWorld>>;
