import { eq } from 'drizzle-orm';
import { contacts } from '../../../db/schema';
import { setContactBlocked } from '../../contacts/inbox-state';
import { type ContactPatch, patchContact } from '../../contacts/edit';
import { setContactTag, tagByName } from '../../tags/service';
import type { RunContext, StepExecutor } from '../step-context';
import { renderForRun } from './messaging';

/** Contact fields a step can set by name; anything else is a custom field key. */
const STANDARD: Record<string, keyof ContactPatch> = {
  first_name: 'firstName',
  firstname: 'firstName',
  firstName: 'firstName',
  last_name: 'lastName',
  lastname: 'lastName',
  lastName: 'lastName',
  email: 'email',
  phone: 'phone',
};

/**
 * Sets one contact field for a run, through the same path as an agent's edit: a phone or email becomes
 * an unverified identifier with source `workflow` (normalized, and raising merge suggestions), custom
 * values are validated by their field's type. Emits `contact.updated` when something changed.
 */
export async function setFieldForRun(rc: RunContext, field: string, value: string | null): Promise<string[]> {
  const standard = STANDARD[field];
  const patch: ContactPatch = standard ? { [standard]: value } : { customFields: { [field]: value } };
  const { contact, changed } = await patchContact(rc.tx, rc.contact, patch, {
    userId: null,
    source: 'workflow',
    defaultCountry: rc.workspace.defaultCountry,
  });
  rc.contact = contact;
  if (changed.length > 0)
    await rc.ctx.events.emit(rc.tx.unscopedDb, rc.tx.workspaceId, 'contact.updated', {
      contactId: contact.id,
      fields: changed,
    });
  return changed;
}

export async function tagForRun(rc: RunContext, name: string, action: 'added' | 'removed'): Promise<boolean> {
  const tag = await tagByName(rc.tx, name);
  return setContactTag(rc.ctx, rc.tx, rc.contact.id, tag.id, action, null);
}

export const updateTagStep: StepExecutor<'update_tag'> = async (rc, step) => {
  const changed: string[] = [];
  for (const name of step.tags)
    if (await tagForRun(rc, name, step.action === 'add' ? 'added' : 'removed')) changed.push(name);
  return { next: step.next ?? null, detail: { action: step.action, changed } };
};

export const updateFieldStep: StepExecutor<'update_field'> = async (rc, step) => {
  const value = (await renderForRun(rc, step.value)).trim();
  const changed = await setFieldForRun(rc, step.field, value || null);
  return { next: step.next ?? null, detail: { field: step.field, value: value || null, changed: changed.length > 0 } };
};

export const updateLifecycleStep: StepExecutor<'update_lifecycle'> = async (rc, step) => {
  if (rc.contact.lifecycleStage !== step.stage) {
    await rc.tx.update(contacts, { lifecycleStage: step.stage }, eq(contacts.id, rc.contact.id));
    rc.contact = { ...rc.contact, lifecycleStage: step.stage };
    await rc.ctx.events.emit(rc.tx.unscopedDb, rc.tx.workspaceId, 'contact.updated', {
      contactId: rc.contact.id,
      fields: ['lifecycleStage'],
    });
  }
  return { next: step.next ?? null, detail: { stage: step.stage } };
};

export const blockContactStep: StepExecutor<'block_contact'> = async (rc, step) => {
  await setContactBlocked(rc.tx, rc.contact.id, true);
  rc.contact = { ...rc.contact, blocked: true };
  await rc.ctx.events.emit(rc.tx.unscopedDb, rc.tx.workspaceId, 'contact.updated', {
    contactId: rc.contact.id,
    fields: ['blocked'],
  });
  return { next: step.next ?? null };
};
