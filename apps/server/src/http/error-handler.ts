import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { AppError, statusOf } from './errors';

/** The one layer that turns errors into HTTP answers: `{code, message}` with the right status. */
export function errorHandler(log: Logger) {
  return (err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      if (err.kind === 'rate_limited' && err.details?.retryAfterSeconds) {
        reply.header('retry-after', String(err.details.retryAfterSeconds));
      }
      return reply.status(statusOf[err.kind]).send({ code: err.code, message: err.message, ...(err.details ?? {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path:
          v.instancePath ||
          (v.params as { issue?: { path?: PropertyKey[] } } | undefined)?.issue?.path?.join('.') ||
          '',
        message: v.message ?? 'invalid',
      }));
      return reply.status(400).send({
        code: 'validation_failed',
        message: issues.map((i) => `${i.path || err.validationContext || 'body'}: ${i.message}`).join('; '),
        issues,
      });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if ((err as FastifyError).code?.startsWith('FST_CSRF_')) {
      return reply
        .status(403)
        .send({ code: 'csrf_invalid', message: 'Missing or invalid CSRF token; fetch /api/auth/csrf' });
    }
    if (status === 429)
      return reply.status(429).send({ code: 'rate_limited', message: 'Too many requests; slow down' });
    if (status < 500) {
      const code = (err as FastifyError).code?.replace(/^FST_/, '').toLowerCase() ?? 'bad_request';
      return reply.status(status).send({ code, message: err.message });
    }
    log.error({ err, url: req.url, method: req.method }, 'request failed');
    return reply.status(500).send({ code: 'internal_error', message: 'Something went wrong on our side' });
  };
}
