import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { boot, createLogger } from '../boot';
import { loadConfig } from '../config/env';
import { exportContactsCommand, importContactsCommand } from './contacts-csv';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { Scope } from '../db/scope';
import { users } from '../db/schema';
import { createUser } from '../modules/auth/service';
import { createChannel, webhookUrlFor } from '../modules/channels/service';
import { webchatSnippet } from '../modules/webchat/settings-routes';
import { createApiToken } from '../modules/tokens/service';
import { createWorkspace, workspaceBySlug } from '../modules/workspaces/service';
import { seedFirstStart } from '../modules/workspaces/seed';
import { createWorkflow, publishWorkflow } from '../modules/workflows/service';
import { WORKFLOW_TEMPLATES } from '@charla/contracts/workflows';

const USAGE = `Usage: charla <command>

  start [--no-worker]                         run the server (API, webhooks, realtime, workers, web app)
  migrate                                     apply database migrations
  user create --email E --name N --password P
  workspace create --slug S --name N --owner EMAIL
  token create --workspace SLUG --name NAME   print a new API token (shown once)
  channel add TYPE --workspace SLUG --name NAME [--config JSON]
                                              print the channel id, webhook URL and generated secrets
  import contacts FILE --workspace SLUG [--purpose add|update|upsert|add_all] [--no-overwrite]
                                              import a CSV (auto-mapped by header), with a progress bar
  export contacts --workspace SLUG [--segment NAME] [--search Q]
                                              write the workspace's contacts (of a segment) as CSV to stdout
  workflow from-template TEMPLATE --workspace SLUG [--publish]
                                              create (and publish) a workflow from a template:
                                              ${WORKFLOW_TEMPLATES.join(', ')}
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function need(values: Record<string, string | boolean | undefined>, ...names: string[]): Record<string, string> {
  for (const n of names) if (typeof values[n] !== 'string' || !values[n]) fail(`Missing --${n}\n\n${USAGE}`);
  return values as Record<string, string>;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      slug: { type: 'string' },
      owner: { type: 'string' },
      workspace: { type: 'string' },
      config: { type: 'string' },
      'no-worker': { type: 'boolean' },
      purpose: { type: 'string' },
      'no-overwrite': { type: 'boolean' },
      search: { type: 'string' },
      segment: { type: 'string' },
      publish: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [cmd, sub, arg] = positionals;
  if (!cmd || values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();

  if (cmd === 'start') return start(config, !values['no-worker']);

  if (cmd === 'migrate') {
    const dbh = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrate(dbh);
    await dbh.close();
    process.stdout.write('Migrations applied.\n');
    return;
  }

  // The remaining commands run against a booted context without job workers.
  const rt = await boot(config, { work: false, logger: createLogger({ ...config, logLevel: 'warn' }) });
  try {
    const { ctx } = rt;
    if (cmd === 'user' && sub === 'create') {
      const v = need(values, 'email', 'name', 'password');
      const user = await createUser(ctx, { email: v.email!, name: v.name!, password: v.password });
      process.stdout.write(`User ${user.id} created: ${user.email}\n`);
    } else if (cmd === 'workspace' && sub === 'create') {
      const v = need(values, 'slug', 'name', 'owner');
      const [owner] = await ctx.db.select().from(users).where(eq(users.email, v.owner!.toLowerCase()));
      if (!owner) fail(`No user with email ${v.owner}; create it with \`charla user create\``);
      const ws = await createWorkspace(ctx.db, { slug: v.slug!, name: v.name!, ownerUserId: owner.id });
      process.stdout.write(`Workspace ${ws.id} created: ${ws.slug}\n`);
    } else if (cmd === 'token' && sub === 'create') {
      const v = need(values, 'workspace', 'name');
      const ws = (await workspaceBySlug(ctx.db, v.workspace!)) ?? fail(`No workspace ${v.workspace}`);
      const { token } = await createApiToken(new Scope(ctx.db, ws.id), v.name!);
      process.stdout.write(`${token}\n`);
      process.stderr.write('Store this token now: it is not shown again.\n');
    } else if (cmd === 'channel' && sub === 'add') {
      if (!arg) fail(`Missing channel type (one of: ${ctx.channels.types.join(', ')})`);
      const v = need(values, 'workspace', 'name');
      const ws = (await workspaceBySlug(ctx.db, v.workspace!)) ?? fail(`No workspace ${v.workspace}`);
      let cfg: unknown = {};
      try {
        cfg = values.config ? JSON.parse(values.config) : {};
      } catch {
        fail('--config must be JSON');
      }
      const { channel, shownOnce } = await createChannel(ctx, new Scope(ctx.db, ws.id), {
        type: arg,
        name: v.name!,
        config: cfg,
      });
      process.stdout.write(
        `Channel ${channel.id} created\nid: ${channel.id}\nwebhook: ${webhookUrlFor(ctx, channel)}\n`,
      );
      for (const [k, val] of Object.entries(shownOnce)) process.stdout.write(`${k}: ${val}\n`);
      if (channel.type === 'webchat') process.stdout.write(`snippet: ${webchatSnippet(ctx.publicUrl(), channel.id)}\n`);
    } else if (cmd === 'import' && sub === 'contacts') {
      if (!arg) fail('Missing the CSV file');
      const v = need(values, 'workspace');
      const ws = (await workspaceBySlug(ctx.db, v.workspace!)) ?? fail(`No workspace ${v.workspace}`);
      const opts = { purpose: values.purpose, doNotOverwrite: values['no-overwrite'] === true };
      process.exitCode = await importContactsCommand(ctx, ws, arg, opts);
    } else if (cmd === 'export' && sub === 'contacts') {
      const v = need(values, 'workspace');
      const ws = (await workspaceBySlug(ctx.db, v.workspace!)) ?? fail(`No workspace ${v.workspace}`);
      await exportContactsCommand(ctx, ws, { search: values.search, segment: values.segment });
    } else if (cmd === 'workflow' && sub === 'from-template') {
      const template =
        WORKFLOW_TEMPLATES.find((t) => t === arg) ?? fail(`Unknown template. One of: ${WORKFLOW_TEMPLATES.join(', ')}`);
      const v = need(values, 'workspace');
      const ws = (await workspaceBySlug(ctx.db, v.workspace!)) ?? fail(`No workspace ${v.workspace}`);
      const scope = new Scope(ctx.db, ws.id);
      const wf = await createWorkflow(scope, null, { template, workspace: ws });
      const done = values.publish ? await publishWorkflow(scope, wf.id, null) : wf;
      process.stdout.write(`Workflow ${done.id} created: ${done.name} (${done.status})\n`);
    } else {
      fail(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    }
  } catch (err) {
    fail((err as Error).message);
  } finally {
    await rt.close();
  }
}

async function start(config: ReturnType<typeof loadConfig>, work: boolean) {
  const log = createLogger(config);
  const rt = await boot(config, { work, logger: log });
  const url = await rt.listen();
  const seeded = await seedFirstStart(rt.ctx);
  const lines = [
    `Charla is running at ${url}`,
    `Database: ${rt.ctx.dbh.kind === 'pglite' ? `embedded (${config.dataDir})` : 'PostgreSQL'}`,
  ];
  if (seeded) {
    lines.push(
      'Created workspace "demo". Log in with:',
      `  email:    ${seeded.email}`,
      `  password: ${seeded.password}${seeded.generated ? '   (generated; shown only now)' : ''}`,
    );
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await rt.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
