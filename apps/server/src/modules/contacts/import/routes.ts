import { csvEncodingSchema, importPurposeSchema } from '@charla/contracts';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Ctx } from '../../../context';
import { MANAGERS, memberOfRequest } from '../../../http/access';
import { invalid } from '../../../http/errors';
import type { App } from '../../../http/types';
import { exportContactsCsv } from '../export';
import { contactListQuery, contactListWhere } from '../list-query';
import { createDraft, getImport, IMPORT_MAX_BYTES, listImports, setDraftEncoding, startImport } from './service';
import { serializeImport } from './run';

const slugParams = z.object({ slug: z.string() });
const importParams = z.object({ slug: z.string(), importId: z.coerce.number().int().positive() });

/** Contacts CSV import (owners and managers: it writes many contacts at once) and export. */
export function contactImportRoutes(app: App, ctx: Ctx) {
  app.post(
    '/api/w/:slug/contact-imports',
    { config: { access: MANAGERS }, schema: { params: slugParams } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      const part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES } });
      if (!part) throw invalid('no_file', 'Send the CSV as multipart/form-data field "file"');
      const bytes = await part.toBuffer();
      const { run, sample } = await createDraft(ctx, scope, { name: part.filename, bytes, userId: member.userId });
      return reply.status(201).send({ ...serializeImport(run), sample });
    },
  );

  app.get(
    '/api/w/:slug/contact-imports',
    { config: { access: MANAGERS }, schema: { params: slugParams } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return { items: (await listImports(scope)).map(serializeImport) };
    },
  );

  app.get(
    '/api/w/:slug/contact-imports/:importId',
    { config: { access: MANAGERS }, schema: { params: importParams } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return serializeImport(await getImport(scope, req.params.importId));
    },
  );

  app.patch(
    '/api/w/:slug/contact-imports/:importId',
    {
      config: { access: MANAGERS },
      schema: { params: importParams, body: z.object({ encoding: csvEncodingSchema }) },
    },
    async (req) => {
      const { scope } = memberOfRequest(req);
      const { run, sample } = await setDraftEncoding(ctx, scope, req.params.importId, req.body.encoding);
      return { ...serializeImport(run), sample };
    },
  );

  app.post(
    '/api/w/:slug/contact-imports/:importId/start',
    {
      config: { access: MANAGERS },
      schema: {
        params: importParams,
        body: z.object({
          mapping: z.record(z.string().regex(/^\d+$/), z.string().max(60)),
          purpose: importPurposeSchema,
          doNotOverwrite: z.boolean().default(false),
        }),
      },
    },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return serializeImport(await startImport(ctx, scope, req.params.importId, req.body));
    },
  );

  // Managers restricted from data export are refused by the guard; agents get the contacts they can see.
  app.get(
    '/api/w/:slug/contacts/export',
    {
      config: { access: { roles: ['owner', 'manager', 'agent'], restriction: 'data_export' } },
      schema: { params: slugParams, querystring: contactListQuery },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      // Resolved before the response starts: an unknown segment is a 404, not a truncated download.
      const where = await contactListWhere(scope, member, req.query);
      const name = `contacts-${new Date().toISOString().slice(0, 10)}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(Readable.from(exportContactsCsv(scope, where)));
    },
  );
}
