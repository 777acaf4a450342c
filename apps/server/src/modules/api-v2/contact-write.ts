import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { contacts, tags } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { listCustomFields } from '../contacts/custom-fields';
import { updateContact } from '../contacts/edit';
import type { Contact } from '../contacts/service';
import { addIdentifier } from '../identity/identifiers';
import { mergeContacts } from '../identity/merge';
import { setContactTag } from '../tags/service';
import type { Member } from '../workspaces/service';
import { assertCreatable, findByIdentifier, parseIdentifier } from './identifier';
import type { contactInput, mergeBody } from './schemas';

type ContactInput = z.infer<typeof contactInput>;

/** respond.io names custom fields by name: take a field's key or its label (case-insensitively). */
async function customFieldsByKey(scope: Scope, given: { name: string; value: unknown }[]) {
  const defs = await listCustomFields(scope);
  const keyOf = (name: string) =>
    defs.find((d) => d.key === name)?.key ??
    defs.find((d) => d.label.toLowerCase() === name.toLowerCase())?.key ??
    name;
  return Object.fromEntries(given.map((f) => [keyOf(f.name), f.value]));
}

/**
 * Applies an API body to a contact: names, phone, email and custom fields through the agents' edit
 * (phones and emails reach the contact through `addIdentifier`, source `api`), the other columns directly.
 */
async function apply(scope: Scope, member: Member, contact: Contact, body: ContactInput): Promise<Contact> {
  const customFields = body.custom_fields ? await customFieldsByKey(scope, body.custom_fields) : undefined;
  let updated = await updateContact(
    scope,
    member,
    contact.id,
    { firstName: body.firstName, lastName: body.lastName, phone: body.phone, email: body.email, customFields },
    'api',
  );
  const direct: Partial<Contact> = {};
  if (body.language !== undefined) direct.language = body.language;
  if (body.profilePic !== undefined) direct.avatarUrl = body.profilePic;
  if (body.countryCode !== undefined) direct.country = body.countryCode?.toUpperCase() ?? null;
  if (Object.keys(direct).length > 0) {
    const [row] = await scope.update(contacts, direct, eq(contacts.id, contact.id)).returning();
    updated = row!;
  }
  return updated;
}

async function create(ctx: Ctx, scope: Scope, member: Member, identifier: string, body: ContactInput) {
  const parsed = parseIdentifier(member, identifier);
  assertCreatable(parsed);
  return scope.transaction(async (tx, rawTx) => {
    const [row] = await tx.insert(contacts, {}).returning();
    await addIdentifier(
      tx,
      row!.id,
      { kind: parsed.kind, raw: parsed.raw, source: 'api', actorUserId: member.userId },
      member.workspace.defaultCountry,
    );
    const [filled] = await tx.find(contacts, eq(contacts.id, row!.id));
    const contact = await apply(tx, member, filled!, body);
    await ctx.events.emit(rawTx, scope.workspaceId, 'contact.created', { contactId: contact.id });
    return contact;
  });
}

async function update(ctx: Ctx, scope: Scope, member: Member, contact: Contact, body: ContactInput) {
  return scope.transaction(async (tx, rawTx) => {
    const updated = await apply(tx, member, contact, body);
    await ctx.events.emit(rawTx, scope.workspaceId, 'contact.updated', { contactId: contact.id });
    return updated;
  });
}

/** POST /contact/{identifier}: 409 when the identifier already names a contact. */
export async function createContact(ctx: Ctx, scope: Scope, member: Member, identifier: string, body: ContactInput) {
  if (await findByIdentifier(scope, parseIdentifier(member, identifier))) {
    throw new AppError('conflict', 'contact_exists', 'A contact with this identifier exists');
  }
  return create(ctx, scope, member, identifier, body);
}

export async function updateContactByApi(ctx: Ctx, scope: Scope, member: Member, contact: Contact, body: ContactInput) {
  return update(ctx, scope, member, contact, body);
}

/** POST /contact/create_or_update/{identifier}. */
export async function createOrUpdateContact(
  ctx: Ctx,
  scope: Scope,
  member: Member,
  identifier: string,
  body: ContactInput,
) {
  const parsed = parseIdentifier(member, identifier);
  const existing = await findByIdentifier(scope, parsed);
  if (existing) return update(ctx, scope, member, existing, body);
  if (parsed.kind === 'id') throw notFound('Contact');
  return create(ctx, scope, member, identifier, body);
}

/** The first contact id is kept; the body's other fields then overwrite the kept contact's. */
export async function mergeByApi(ctx: Ctx, scope: Scope, member: Member, body: z.infer<typeof mergeBody>) {
  const [keptId, mergedId] = body.contactIds as [number, number];
  return scope.transaction(async (tx, rawTx) => {
    for (const id of body.contactIds) {
      if (!(await findByIdentifier(tx, { kind: 'id', id })))
        throw new AppError('not_found', 'not_found', `Contact ${id} not found`);
    }
    await mergeContacts(tx, {
      keptContactId: keptId,
      mergedContactId: mergedId,
      trigger: 'manual',
      actorUserId: member.userId,
    });
    const [kept] = await tx.find(contacts, eq(contacts.id, keptId));
    const { contactIds: _ids, ...fields } = body;
    const contact = await apply(tx, member, kept!, fields);
    await ctx.events.emit(rawTx, scope.workspaceId, 'contact.updated', { contactId: keptId });
    return contact;
  });
}

/** Adds or removes tags by name; adding creates tags that do not exist yet. */
export async function changeTags(
  ctx: Ctx,
  scope: Scope,
  member: Member,
  contact: Contact,
  names: string[],
  op: 'add' | 'remove',
) {
  await scope.transaction(async (tx) => {
    const all = await tx.find(tags);
    for (const name of new Set(names)) {
      let tag = all.find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (!tag && op === 'add') {
        [tag] = await tx.insert(tags, { name }).onConflictDoNothing().returning();
        tag ??= await tx.first(tags, eq(tags.name, name));
      }
      if (!tag) continue;
      await setContactTag(ctx, tx, contact.id, tag.id, op === 'add' ? 'added' : 'removed', member.userId);
    }
  });
}

/** POST /contact/{identifier}/lifecycle/update: the stage is free text, as in workflows and imports. */
export async function setLifecycle(ctx: Ctx, scope: Scope, contact: Contact, stage: string | null) {
  if (contact.lifecycleStage === stage) return;
  await scope.transaction(async (tx, rawTx) => {
    await tx.update(contacts, { lifecycleStage: stage }, eq(contacts.id, contact.id));
    await ctx.events.emit(rawTx, scope.workspaceId, 'contact.updated', {
      contactId: contact.id,
      fields: ['lifecycleStage'],
    });
  });
}
