import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of `process.env`. Fails at boot with the variable's name and an example value.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  CHARLA_DATA_DIR: z.string().default('./data'),
  CHARLA_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters, e.g. the output of `openssl rand -hex 32`')
    .optional(),
  CHARLA_OWNER_EMAIL: z.string().email().optional(),
  CHARLA_OWNER_PASSWORD: z.string().min(8).optional(),
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('Charla <no-reply@localhost>'),
  REDIS_URL: z.string().url().optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/)
    .default('charla'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  CHARLA_ALLOW_PRIVATE_HOSTS: z.string().default(''),
  EMAIL_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  EMAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  CHARLA_API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  CHARLA_API_TOKEN_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  CHARLA_WEBHOOK_ALLOW_HOSTS: z.string().default(''),
  CHARLA_WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.01).max(3600).default(10),
  CHARLA_SIDE_CALL_RETRY_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  CHARLA_JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(5),
  CHARLA_INBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  CHARLA_AI_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(300).default(30),
  CHARLA_AI_RETRY_BASE_MS: z.coerce.number().int().min(1).max(60_000).default(1000),
  CHARLA_BROADCAST_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(100),
  CHARLA_BROADCAST_REPLY_HOURS: z.coerce.number().min(0.001).max(720).default(72),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  /** Public base URL, used in webhook URLs, emailed links and URL-signed webhook verification. */
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  secretKey: string | undefined;
  ownerEmail: string | undefined;
  ownerPassword: string | undefined;
  smtpUrl: string | undefined;
  smtpFrom: string;
  redisUrl: string | undefined;
  /** Namespace of this deployment's keys and channels in a shared Redis. */
  redisPrefix: string;
  logLevel: Env['LOG_LEVEL'];
  cookieSecure: boolean;
  sessionTtlDays: number;
  loginRateLimit: number;
  /**
   * Hosts (names or IPs) that workflow HTTP requests may reach although they are loopback, private or
   * link-local; everything else of that kind is refused.
   */
  allowPrivateHosts: string[];
  /** Seconds between two IMAP polls of one email channel's inbox. */
  emailPollSeconds: number;
  /** Raw size above which an inbound email is not downloaded: only its headers are stored, marked too large. */
  emailMaxBytes: number;
  /** Developer API (`/v2`) requests per minute per token. */
  apiRateLimit: number;
  /** How long a process trusts a resolved API token before reading it again (revocation is pushed at once). */
  apiTokenCacheSeconds: number;
  /** Hosts outgoing webhooks may reach although they resolve to private, loopback or link-local addresses. */
  webhookAllowHosts: string[];
  /** First retry delay of a failed outgoing webhook delivery; it doubles each attempt, up to an hour. */
  webhookRetryBaseSeconds: number;
  /** First retry delay of provider side calls (read receipts, profile lookups); doubles per attempt. */
  sideCallRetrySeconds: number;
  /** How often idle job workers look for jobs that came due without a notification (retries, delayed jobs). */
  jobPollSeconds: number;
  /** Inbound events a process works on at once on a PostgreSQL server (the embedded database takes one). */
  inboundConcurrency: number;
  /** How long one call to the AI assistant's chat API may take. */
  aiTimeoutSeconds: number;
  /** Delay before retrying a failed chat API call (doubled once); a 429's Retry-After is honoured up to 4×. */
  aiRetryBaseMs: number;
  /** Messages of one broadcast waiting in the outbound queue at once (agents' replies are never behind more). */
  broadcastInFlight: number;
  /** How long after a broadcast message a contact's message counts as a reply to it. */
  broadcastReplyHours: number;
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL?.replace(/\/+$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(e.CHARLA_DATA_DIR),
    secretKey: e.CHARLA_SECRET_KEY,
    ownerEmail: e.CHARLA_OWNER_EMAIL,
    ownerPassword: e.CHARLA_OWNER_PASSWORD,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE ?? publicUrl?.startsWith('https://') ?? false,
    sessionTtlDays: e.SESSION_TTL_DAYS,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    allowPrivateHosts: e.CHARLA_ALLOW_PRIVATE_HOSTS.split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    emailPollSeconds: e.EMAIL_POLL_SECONDS,
    emailMaxBytes: e.EMAIL_MAX_BYTES,
    apiRateLimit: e.CHARLA_API_RATE_LIMIT,
    apiTokenCacheSeconds: e.CHARLA_API_TOKEN_CACHE_SECONDS,
    webhookAllowHosts: e.CHARLA_WEBHOOK_ALLOW_HOSTS.split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    webhookRetryBaseSeconds: e.CHARLA_WEBHOOK_RETRY_BASE_SECONDS,
    sideCallRetrySeconds: e.CHARLA_SIDE_CALL_RETRY_SECONDS,
    jobPollSeconds: e.CHARLA_JOB_POLL_SECONDS,
    // More than the machine's cores only adds contention: on 2 cores, 8 at once processed no faster than
    // 2 and tripled the webhook acknowledgements' p99 (bench/README.md).
    inboundConcurrency: e.CHARLA_INBOUND_CONCURRENCY ?? Math.min(8, os.availableParallelism()),
    aiTimeoutSeconds: e.CHARLA_AI_TIMEOUT_SECONDS,
    aiRetryBaseMs: e.CHARLA_AI_RETRY_BASE_MS,
    broadcastInFlight: e.CHARLA_BROADCAST_IN_FLIGHT,
    broadcastReplyHours: e.CHARLA_BROADCAST_REPLY_HOURS,
  };
}

/** The base URL the outside world reaches this server at. */
export function publicBaseUrl(config: Config, boundPort?: number): string {
  return config.publicUrl ?? `http://localhost:${boundPort ?? config.port}`;
}
