import type { AiSettingsDto, aiSettingsInputSchema } from '@charla/contracts/knowledge';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import type { Workspace } from '../workspaces/service';
import { setWorkspaceSetting } from '../workspaces/settings';

/** What the workspace stores under `settings.ai`: the API key only sealed with CHARLA_SECRET_KEY. */
interface Stored {
  baseUrl: string | null;
  apiKeySealed: string | null;
  model: string;
  instructions: string;
}

/** The chat API as the assistant uses it (the key opened), or null for retrieval-only answers. */
export interface ChatApi {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  instructions: string;
}

const storedOf = (ws: Pick<Workspace, 'settings'>) => ws.settings.ai as Stored | undefined;

/** What Settings shows: never the key. */
export function describeAiSettings(ws: Pick<Workspace, 'settings'>): AiSettingsDto {
  const s = storedOf(ws);
  return {
    mode: s?.baseUrl ? 'llm' : 'retrieval',
    baseUrl: s?.baseUrl ?? null,
    model: s?.model ?? '',
    instructions: s?.instructions ?? '',
    hasApiKey: !!s?.apiKeySealed,
  };
}

export function chatApiOf(ctx: Ctx, ws: Pick<Workspace, 'settings'>): ChatApi | null {
  const s = storedOf(ws);
  if (!s?.baseUrl) return null;
  return {
    baseUrl: s.baseUrl,
    apiKey: s.apiKeySealed ? ctx.secrets.open(s.apiKeySealed) : null,
    model: s.model,
    instructions: s.instructions,
  };
}

/** The chat API an input describes, with the stored key when the input leaves the key out. */
export function chatApiFromInput(
  ctx: Ctx,
  ws: Pick<Workspace, 'settings'>,
  input: z.infer<typeof aiSettingsInputSchema>,
): ChatApi | null {
  if (!input.baseUrl) return null;
  const sealed = storedOf(ws)?.apiKeySealed ?? null;
  return {
    baseUrl: input.baseUrl.replace(/\/+$/, ''),
    apiKey: input.apiKey === undefined ? (sealed ? ctx.secrets.open(sealed) : null) : input.apiKey,
    model: input.model,
    instructions: input.instructions,
  };
}

export async function saveAiSettings(
  ctx: Ctx,
  scope: Scope,
  ws: Workspace,
  input: z.infer<typeof aiSettingsInputSchema>,
): Promise<AiSettingsDto> {
  const before = storedOf(ws);
  const apiKeySealed =
    input.apiKey === undefined ? (before?.apiKeySealed ?? null) : input.apiKey ? ctx.secrets.seal(input.apiKey) : null;
  const ai: Stored = {
    baseUrl: input.baseUrl ? input.baseUrl.replace(/\/+$/, '') : null,
    apiKeySealed,
    model: input.model,
    instructions: input.instructions,
  };
  return describeAiSettings(await setWorkspaceSetting(scope, 'ai', ai));
}
