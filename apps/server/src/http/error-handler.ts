import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { AppError, statusOf } from './errors';

type ErrorBody = { code: string; message: string } & Record<string, unknown>;

/** The status and `{code, message}` body an error answers with; null for an unexpected (5xx) error. */
function answerOf(err: FastifyError | AppError | Error, reply: FastifyReply): [number, ErrorBody] | null {
  if (err instanceof AppError) {
    if (err.kind === 'rate_limited' && err.details?.retryAfterSeconds) {
      reply.header('retry-after', String(err.details.retryAfterSeconds));
    }
    return [statusOf[err.kind], { code: err.code, message: err.message, ...(err.details ?? {}) }];
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path:
        v.instancePath || (v.params as { issue?: { path?: PropertyKey[] } } | undefined)?.issue?.path?.join('.') || '',
      message: v.message ?? 'invalid',
    }));
    return [
      400,
      {
        code: 'validation_failed',
        message: issues.map((i) => `${i.path || err.validationContext || 'body'}: ${i.message}`).join('; '),
        issues,
      },
    ];
  }
  const status = (err as FastifyError).statusCode ?? 500;
  if ((err as FastifyError).code?.startsWith('FST_CSRF_')) {
    return [403, { code: 'csrf_invalid', message: 'Missing or invalid CSRF token; fetch /api/auth/csrf' }];
  }
  if (status === 429) return [429, { code: 'rate_limited', message: 'Too many requests; slow down' }];
  if (status < 500) {
    const code = (err as FastifyError).code?.replace(/^FST_/, '').toLowerCase() ?? 'bad_request';
    return [status, { code, message: err.message }];
  }
  return null;
}

/**
 * The developer API answers errors as respond.io does, `{code: <HTTP status>, message}`, with our stable
 * code moved to `error`; every other route answers `{code: <stable code>, message}`.
 */
function inDialect(req: FastifyRequest, status: number, body: ErrorBody) {
  if (req.routeOptions.config?.access !== 'api') return body;
  const { code, ...rest } = body;
  return { ...rest, code: status, error: code };
}

/** The one layer that turns errors into HTTP answers, with the right status. */
export function errorHandler(log: Logger) {
  return (err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const answer = answerOf(err, reply);
    if (!answer) log.error({ err, url: req.url, method: req.method }, 'request failed');
    const [status, body] = answer ?? [500, { code: 'internal_error', message: 'Something went wrong on our side' }];
    return reply.status(status).send(inDialect(req, status, body));
  };
}
