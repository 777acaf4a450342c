import { z } from 'zod';
import type { Workspace } from './service';

/**
 * Closing notes (Notas de cierre) settings, kept in `workspaces.settings.closingNotes`:
 * `off` (never asked), `optional`, `category` (category required) or `required` (category and summary).
 */
export const closingNotesSchema = z.object({
  mode: z.enum(['off', 'optional', 'category', 'required']),
  categories: z.array(z.string().trim().min(1).max(80)).max(100),
});
export type ClosingNotesSettings = z.infer<typeof closingNotesSchema>;

const DEFAULTS: ClosingNotesSettings = { mode: 'optional', categories: [] };

export function closingNotesOf(ws: Pick<Workspace, 'settings'>): ClosingNotesSettings {
  const parsed = closingNotesSchema.safeParse(ws.settings.closingNotes);
  return parsed.success ? parsed.data : DEFAULTS;
}
