import path from 'node:path';
import pino, { type Logger } from 'pino';
import { openWindowCounter } from './lib/window-counter';
import { ChannelRegistry } from './channels/registry';
import { type Config, publicBaseUrl } from './config/env';
import type { Ctx } from './context';
import { openDatabase } from './db/client';
import { migrate } from './db/migrate';
import { EventBus } from './events/bus';
import { buildHttpApp } from './http/app';
import type { App } from './http/types';
import { JobQueue } from './jobs/queue';
import { SecretBox } from './lib/crypto';
import { resolveSecretKey } from './lib/secret-key';
import { LocalFileStorage } from './modules/files/storage';
import { InboundProcessor } from './modules/ingest/processor';
import { Mailer } from './modules/mail/mailer';
import { presenceFromSockets } from './modules/members/service';
import { Scope } from './db/scope';
import { defineBroadcastDispatchJob } from './modules/broadcasts/dispatch-job';
import { registerBroadcastListeners } from './modules/broadcasts/recipient-status';
import { defineImportJob } from './modules/contacts/import/job';
import { defineProfileJob } from './modules/contacts/profile-job';
import { defineMediaJob } from './modules/messages/media-job';
import { defineReadReceiptJob } from './modules/messages/read-receipt';
import { defineEmailPollJob, EmailPollScheduler } from './modules/email/poll-job';
import { defineOutboundJob } from './modules/messages/outbound-job';
import { defineWorkflowJobs } from './modules/workflows/engine';
import { defineAiJob } from './modules/workflows/steps/ai-job';
import { defineHttpJob } from './modules/workflows/steps/http';
import { defineSheetsJob } from './modules/workflows/steps/sheets';
import { registerWorkflowListeners } from './modules/workflows/triggers';
import { attachWebchatSockets } from './modules/webchat/socket';
import { registerRealtimeListener } from './realtime/listener';
import { registerWebhookListener } from './modules/webhooks/delivery';
import { Realtime } from './realtime/server';

export interface Runtime {
  ctx: Ctx;
  app: App;
  /** Starts listening; returns the bound base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    // Secrets never reach the log, even when an object carrying them is logged by mistake.
    redact: {
      paths: [
        '*.password',
        '*.passwordHash',
        '*.secret',
        '*.token',
        '*.accessToken',
        '*.authToken',
        '*.appSecret',
        '*.pageAccessToken',
        '*.verifyToken',
        // The AI assistant's chat API key (Settings → AI assistant).
        '*.apiKey',
        'headers.cookie',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}

export interface BootOptions {
  /** Run job workers in this process (default true). */
  work?: boolean;
  logger?: Logger;
  /** Embedded database in memory (tests). */
  inMemory?: boolean;
  /** With `inMemory`: a dump of an already migrated database to start from (tests). */
  loadDataDir?: Blob;
}

/** Opens the database, migrates, wires every module and returns a runtime ready to listen. */
export async function boot(config: Config, opts: BootOptions = {}): Promise<Runtime> {
  const log = opts.logger ?? createLogger(config);
  const dbh = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    inMemory: opts.inMemory,
    loadDataDir: opts.loadDataDir,
  });
  try {
    await migrate(dbh);
    let boundPort: number | undefined;
    const jobs = new JobQueue(dbh, log, config.jobPollSeconds);
    const events = new EventBus(jobs, log);
    const realtime = new Realtime(dbh, config, log);
    const counters = await openWindowCounter(config);
    const ctx = {
      config,
      log,
      dbh,
      db: dbh.db,
      jobs,
      events,
      secrets: new SecretBox(resolveSecretKey(config.secretKey, config.dataDir)),
      storage: new LocalFileStorage(path.join(config.dataDir, 'files')),
      channels: new ChannelRegistry(),
      realtime,
      counters,
      publicUrl: () => publicBaseUrl(config, boundPort),
    } as Omit<Ctx, 'mailer'> as Ctx;
    ctx.mailer = new Mailer(ctx);
    defineOutboundJob(ctx);
    defineMediaJob(ctx);
    defineReadReceiptJob(ctx);
    defineProfileJob(ctx);
    defineEmailPollJob(ctx);
    defineImportJob(ctx);
    defineWorkflowJobs(ctx);
    defineHttpJob(ctx);
    defineSheetsJob(ctx);
    defineAiJob(ctx);
    defineBroadcastDispatchJob(ctx);
    registerWorkflowListeners(ctx);
    registerBroadcastListeners(ctx);
    registerRealtimeListener(ctx);
    registerWebhookListener(ctx);
    realtime.onPresence = (workspaceId, userId, connected) =>
      presenceFromSockets(ctx, new Scope(ctx.db, workspaceId), userId, connected);
    const app = await buildHttpApp(ctx);
    await jobs.start({ work: opts.work ?? true });
    const inbound = opts.work === false ? null : new InboundProcessor(ctx);
    await inbound?.start();
    const emailPolls = opts.work === false ? null : new EmailPollScheduler(ctx);
    await emailPolls?.start();
    await realtime.attach(app.server);
    attachWebchatSockets(ctx);
    let closed = false;
    return {
      ctx,
      app,
      async listen() {
        await app.listen({ port: config.port, host: config.host });
        const addr = app.server.address();
        boundPort = typeof addr === 'object' && addr ? addr.port : config.port;
        return publicBaseUrl(config, boundPort);
      },
      async close() {
        if (closed) return;
        closed = true;
        await realtime.close().catch(() => {});
        await app.close().catch(() => {});
        await emailPolls?.stop();
        await inbound?.stop().catch((err) => log.warn({ err }, 'inbound processor stop failed'));
        await jobs.stop().catch((err) => log.warn({ err }, 'job queue stop failed'));
        await counters.close();
        await dbh.close();
      },
    };
  } catch (err) {
    await dbh.close().catch(() => {});
    throw err;
  }
}
