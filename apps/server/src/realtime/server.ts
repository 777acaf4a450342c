import type { Server as HttpServer } from 'node:http';
import { createAdapter as createPgAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import type { Config } from '../config/env';
import type { DatabaseHandle } from '../db/client';
import { teamMembers } from '../db/schema';
import { Scope } from '../db/scope';
import { SESSION_COOKIE, userForSession } from '../modules/auth/sessions';
import { memberOf } from '../modules/workspaces/service';

export const rooms = {
  allAccess: (ws: number) => `w:${ws}:all`,
  members: (ws: number) => `w:${ws}:members`,
  /** Owners and managers: what only they may see (contact imports). */
  managers: (ws: number) => `w:${ws}:managers`,
  user: (ws: number, userId: number) => `w:${ws}:u:${userId}`,
  team: (ws: number, teamId: number) => `w:${ws}:t:${teamId}`,
  /** One web chat visitor's connections (in VISITOR_NAMESPACE). */
  visitor: (channelId: number, externalId: string) => `wc:${channelId}:${externalId}`,
};

/** Web chat visitors connect here, never to the agents' namespace (see modules/webchat/socket.ts). */
export const VISITOR_NAMESPACE = '/webchat';

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Who is assigned a record, which decides the rooms that hear about it. */
export interface Audience {
  workspaceId: number;
  assigneeUserId: number | null;
  assigneeTeamId: number | null;
}

/**
 * Socket.IO on the HTTP server. A socket authenticates with the session cookie and names a workspace;
 * it joins only the rooms its role and access level allow, so events reach exactly who may see them.
 */
export class Realtime {
  io: Server | undefined;
  /** Told when a member's first socket in a workspace connects and when their last one leaves. */
  onPresence: ((workspaceId: number, userId: number, connected: boolean) => Promise<void>) | undefined;
  private cleanup: (() => Promise<void>)[] = [];
  private adapterListening?: () => Promise<void>;
  /** With a Redis or PostgreSQL adapter, other processes hold sockets this one cannot see. */
  private distributed = false;
  /** Handlers of events between server processes (see `toAllServers`), kept until `attach` creates `io`. */
  private serverHandlers: [string, (payload: unknown) => void][] = [];

  constructor(
    private readonly dbh: DatabaseHandle,
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  async attach(server: HttpServer): Promise<void> {
    const io = new Server(server, { serveClient: false, cors: { origin: false } });
    await this.configureAdapter(io);
    io.use(async (socket, next) => {
      try {
        const user = await userForSession(this.dbh.db, readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
        const slug = String(socket.handshake.auth?.workspace ?? socket.handshake.query.workspace ?? '');
        const member = user ? await memberOf(this.dbh.db, user.id, slug) : undefined;
        if (!member) return next(new Error('unauthorized'));
        const ws = member.workspace.id;
        const joined = [rooms.members(ws), rooms.user(ws, member.userId)];
        if (member.accessLevel === 'all') joined.push(rooms.allAccess(ws));
        if (member.role === 'owner' || member.role === 'manager') joined.push(rooms.managers(ws));
        if (member.accessLevel === 'team') joined.push(...member.teamIds.map((t) => rooms.team(ws, t)));
        await socket.join(joined);
        socket.data.userId = member.userId;
        socket.data.workspaceId = ws;
        // Like the HTTP guard's req.member/req.scope: handlers of agent messages act as this member.
        socket.data.member = member;
        socket.data.scope = new Scope(this.dbh.db, ws);
        next();
      } catch (err) {
        next(err as Error);
      }
    });
    for (const [event, handler] of this.serverHandlers) io.on(event, handler);
    io.on('connection', (socket) => {
      const { workspaceId, userId } = socket.data as { workspaceId: number; userId: number };
      void this.notifyPresence(workspaceId, userId, true);
      socket.on('disconnect', async () => {
        const remaining = await io
          .in(rooms.user(workspaceId, userId))
          .fetchSockets()
          .catch(() => []);
        if (remaining.length === 0) await this.notifyPresence(workspaceId, userId, false);
      });
    });
    this.io = io;
  }

  private async notifyPresence(workspaceId: number, userId: number, connected: boolean) {
    try {
      await this.onPresence?.(workspaceId, userId, connected);
    } catch (err) {
      this.log.warn({ err }, 'presence update failed');
    }
  }

  private async configureAdapter(io: Server) {
    if (this.config.redisUrl) {
      const pub = createClient({ url: this.config.redisUrl });
      const sub = pub.duplicate();
      await Promise.all([pub.connect(), sub.connect()]);
      io.adapter(createRedisAdapter(pub, sub, { key: `${this.config.redisPrefix}:socket.io` }));
      this.distributed = true;
      this.cleanup.push(async () => {
        await Promise.allSettled([pub.quit(), sub.quit()]);
      });
      this.log.info('realtime: redis adapter');
    } else if (this.dbh.kind === 'postgres') {
      io.adapter(
        createPgAdapter(this.dbh.pool!, { errorHandler: (err) => this.log.warn({ err }, 'realtime adapter error') }),
      );
      this.distributed = true;
      this.adapterListening = () => this.untilAdapterListens(io);
      this.log.info('realtime: postgres adapter');
    }
  }

  /**
   * False only when no member of the workspace can be listening: a single process (embedded database)
   * with no agent socket open in it. Lets the realtime listener skip loading what nobody would receive,
   * which is most of an inbound burst's cost on PGlite when nobody has the inbox open.
   */
  mayHaveAudience(workspaceId: number): boolean {
    if (!this.io) return false;
    if (this.distributed) return true;
    return (this.io.sockets.adapter.rooms.get(rooms.members(workspaceId))?.size ?? 0) > 0;
  }

  /** Rooms that may see a record assigned as `a`: full-access members, the assignee, and team-level colleagues. */
  async roomsFor(a: Audience): Promise<string[]> {
    const list = [rooms.allAccess(a.workspaceId)];
    if (a.assigneeUserId) list.push(rooms.user(a.workspaceId, a.assigneeUserId));
    const teamIds = new Set<number>();
    if (a.assigneeTeamId) teamIds.add(a.assigneeTeamId);
    if (a.assigneeUserId) {
      const rows = await this.dbh.db
        .select({ teamId: teamMembers.teamId })
        .from(teamMembers)
        .where(and(eq(teamMembers.workspaceId, a.workspaceId), eq(teamMembers.userId, a.assigneeUserId)));
      for (const r of rows) teamIds.add(r.teamId);
    }
    for (const t of teamIds) list.push(rooms.team(a.workspaceId, t));
    return list;
  }

  async publish(audience: Audience, event: string, payload: unknown): Promise<void> {
    if (!this.io) return;
    this.io.to(await this.roomsFor(audience)).emit(event, payload);
  }

  /** Emits to one web chat visitor's open widgets (every process, through the adapter). */
  async publishToVisitor(channelId: number, externalId: string, event: string, payload: unknown): Promise<void> {
    this.io?.of(VISITOR_NAMESPACE).to(rooms.visitor(channelId, externalId)).emit(event, payload);
  }

  /**
   * Tells the rooms that could see a record assigned as `before` but cannot any more (assigned as `now`),
   * so their lists drop it; they learn only the id they already knew.
   */
  async publishLoss(before: Audience, now: Audience, event: string, payload: unknown): Promise<void> {
    if (!this.io) return;
    const keep = new Set(await this.roomsFor(now));
    const lost = (await this.roomsFor(before)).filter((room) => !keep.has(room));
    if (lost.length === 0) return;
    // `except` leaves out sockets that are also in a room that still sees the record.
    this.io
      .to(lost)
      .except([...keep])
      .emit(event, payload);
  }

  /**
   * Runs `handler` when any server process (this one included) calls `toAllServers(event, …)`: a cache in
   * every process can drop what another process changed. Other processes hear it through the same adapter
   * as the sockets (Redis pub/sub, or PostgreSQL NOTIFY); like those, a message can be lost when a process
   * is disconnected, so caches keep a short expiry as the backstop.
   */
  onServerEvent<T>(event: string, handler: (payload: T) => void): void {
    this.serverHandlers.push([event, handler as (payload: unknown) => void]);
    this.io?.on(event, handler);
  }

  toAllServers(event: string, payload: unknown): void {
    for (const [name, handler] of this.serverHandlers) if (name === event) handler(payload);
    // The in-memory adapter (one process) has nobody else to tell, and warns when asked.
    if (this.distributed) this.io?.serverSideEmit(event, payload);
  }

  /** One member's sockets in one workspace (their notifications). */
  publishToUser(workspaceId: number, userId: number, event: string, payload: unknown): void {
    this.io?.to(rooms.user(workspaceId, userId)).emit(event, payload);
  }

  /** The workspace's owners and managers (events about work only they may do or see). */
  publishToManagers(workspaceId: number, event: string, payload: unknown): void {
    this.io?.to(rooms.managers(workspaceId)).emit(event, payload);
  }

  publishToMembers(workspaceId: number, event: string, payload: unknown): void {
    this.io?.to(rooms.members(workspaceId)).emit(event, payload);
  }

  /**
   * The PostgreSQL adapter takes its LISTEN connection from the pool asynchronously, and closing it before
   * it has one leaks that connection (the pool's end() then never returns): a close right after start
   * waits for it first (at most 5 s).
   */
  private async untilAdapterListens(io: Server): Promise<void> {
    const pubsub = (io.of('/').adapter as unknown as { client?: { client?: unknown } }).client;
    const deadline = Date.now() + 5000;
    while (pubsub && !pubsub.client && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  async close(): Promise<void> {
    await this.adapterListening?.();
    await new Promise<void>((resolve) => (this.io ? this.io.close(() => resolve()) : resolve()));
    for (const c of this.cleanup) await c();
  }
}
