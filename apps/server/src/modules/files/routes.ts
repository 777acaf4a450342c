import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { ANY_MEMBER, memberOfRequest } from '../../http/access';
import { invalid, notFound } from '../../http/errors';
import type { App } from '../../http/types';
import { deleteFile, type FileRow, fileById, fileForUser, listFiles, saveFile, serializeFile } from './service';
import { verifyFileLink } from './signed-link';

// Types a browser may show inline; everything else downloads. Customer content never runs as HTML.
const INLINE = /^(image\/(png|jpeg|gif|webp)|audio\/|video\/|application\/pdf$)/;

export function fileRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/files',
    {
      config: { access: ANY_MEMBER },
      schema: { params: z.object({ slug: z.string() }), querystring: z.object({ q: z.string().max(200).optional() }) },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return { items: await listFiles(scope, member, { q: req.query.q?.trim() }) };
    },
  );

  app.delete(
    '/api/w/:slug/files/:id',
    {
      config: { access: ANY_MEMBER },
      schema: { params: z.object({ slug: z.string(), id: z.coerce.number().int().positive() }) },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await deleteFile(ctx, scope, member, req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/w/:slug/files',
    { config: { access: ANY_MEMBER }, schema: { params: z.object({ slug: z.string() }) } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      const part = await req.file();
      if (!part) throw invalid('no_file', 'Send the file as multipart/form-data field "file"');
      const bytes = await part.toBuffer();
      const row = await saveFile(ctx, scope, {
        name: part.filename,
        mime: part.mimetype,
        bytes,
        source: 'upload',
        createdBy: member.userId,
      });
      return reply.status(201).send(serializeFile(row));
    },
  );

  app.get(
    '/api/files/:id',
    { config: { access: 'session' }, schema: { params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      const { file, bytes } = await fileForUser(ctx, req.user!.id, req.params.id);
      return sendFile(reply, file, bytes, 'private');
    },
  );

  // Signed links for providers fetching outbound media (see signed-link.ts); no session, no CSRF.
  app.get(
    '/media/:token',
    { config: { access: 'public' }, schema: { params: z.object({ token: z.string().max(200) }) } },
    async (req, reply) => {
      const id = verifyFileLink(ctx, req.params.token);
      const found = id ? await fileById(ctx, id) : null;
      if (!found) throw notFound('File');
      return sendFile(reply, found.file, found.bytes, 'public');
    },
  );
}

function sendFile(reply: FastifyReply, file: FileRow, bytes: Buffer, cache: 'private' | 'public') {
  const inline = INLINE.test(file.mime);
  return reply
    .header('content-type', inline ? file.mime : 'application/octet-stream')
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', `${cache}, max-age=3600`)
    .send(bytes);
}
