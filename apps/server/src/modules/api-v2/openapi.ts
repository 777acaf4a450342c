import { z } from 'zod';
import type { V2Operation } from './define';
import { errorSchema } from './schemas';

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (what OpenAPI 3.1 uses) of a zod schema, as a request (`input`) or an answer (`output`). */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest as JsonSchema;
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request',
  401: 'Missing or invalid API token',
  404: 'Not found',
  409: 'Conflict',
  429: 'Rate limit exceeded; see Retry-After',
  500: 'Server error',
};

function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

/** The OpenAPI 3.1 document of the developer API, built from the schemas its routes validate with. */
export function openApiDocument(operations: V2Operation[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } } };
  for (const op of operations) {
    const path = op.url.replace(/:(\w+)/g, '{$1}');
    const status = op.status ?? 200;
    const errors = [...new Set([400, 401, 429, ...(op.errors ?? []), 500])].sort();
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      operationId: `${op.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[/_](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      tags: [op.tag],
      summary: op.summary,
      security: [{ bearer: [] }],
      parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } }
        : {}),
      responses: {
        [status]: {
          description: 'OK',
          headers: {
            'X-RateLimit-Limit': { schema: { type: 'integer' } },
            'X-RateLimit-Remaining': { schema: { type: 'integer' } },
          },
          content: { 'application/json': { schema: jsonSchema(op.response, 'output') } },
        },
        ...Object.fromEntries(
          errors.map((code) => [
            code,
            {
              description: ERROR_TEXT[code] ?? 'Error',
              ...(code === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } } : {}),
              ...error,
            },
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Charla developer API',
      version: '2.0.0',
      description:
        'Compatible with the respond.io v2 developer API: the same paths, bodies and answers. Authenticate with `Authorization: Bearer <token>` (Settings → API tokens, or `charla token create`).',
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
