import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Scope } from '../../db/scope';
import { memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import type { Member } from '../workspaces/service';

/** One documented `/v2` operation: what the route validates with is what the OpenAPI document says. */
export interface V2Operation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  tag: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** The success status (200 unless given). */
  status?: number;
  /** Error statuses besides 400, 401 and 429, which every operation may answer. */
  errors?: number[];
}

type Input<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface V2Call<O extends V2Operation> {
  params: Input<O['params']>;
  query: Input<O['query']>;
  body: Input<O['body']>;
  member: Member;
  scope: Scope;
  req: FastifyRequest;
  reply: FastifyReply;
}

type Pagination = { next: string | null; previous: string | null };

/**
 * respond.io's SDK (axios) and examples send `Content-Type: application/json` on every request, DELETEs
 * without a body included; with no body there is nothing to parse, so the header is dropped rather than
 * answered with "empty JSON body".
 */
function dropEmptyJsonContentType(req: FastifyRequest) {
  const length = req.headers['content-length'];
  const empty = (length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined;
  if (empty && req.headers['content-type']?.startsWith('application/json')) delete req.headers['content-type'];
}

/** The developer API's operations, in registration order (the OpenAPI document lists them). */
export class V2Registry {
  readonly operations: V2Operation[] = [];

  /** `publicUrl` makes page links absolute: respond.io's clients read `cursorId` with `new URL(next)`. */
  constructor(
    private readonly app: App,
    private readonly publicUrl: () => string,
  ) {}

  route<const O extends V2Operation>(op: O, handler: (call: V2Call<O>) => Promise<z.input<O['response']>>): void {
    this.operations.push(op);
    this.app.route({
      method: op.method,
      url: op.url,
      config: { access: 'api' },
      onRequest: async (req) => dropEmptyJsonContentType(req),
      schema: {
        ...(op.params ? { params: op.params } : {}),
        ...(op.query ? { querystring: op.query } : {}),
        ...(op.body ? { body: op.body } : {}),
        response: { [op.status ?? 200]: op.response },
      },
      handler: async (req, reply) => {
        const { member, scope } = memberOfRequest(req);
        const out = await handler({
          params: req.params as V2Call<O>['params'],
          query: req.query as V2Call<O>['query'],
          body: req.body as V2Call<O>['body'],
          member,
          scope,
          req,
          reply,
        });
        return reply.status(op.status ?? 200).send(this.absoluteLinks(out));
      },
    });
  }

  private absoluteLinks<T>(out: T): T {
    const pagination = (out as { pagination?: Pagination } | null)?.pagination;
    if (!pagination) return out;
    const absolute = (link: string | null) => (link?.startsWith('/') ? `${this.publicUrl()}${link}` : link);
    return { ...out, pagination: { next: absolute(pagination.next), previous: absolute(pagination.previous) } };
  }
}
