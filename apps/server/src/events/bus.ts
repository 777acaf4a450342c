import type { Logger } from 'pino';
import { afterCommit } from '../db/after-commit';
import type { Db, Tx } from '../db/client';
import type { JobQueue } from '../jobs/queue';
import type { DomainEventName, DomainEvents, EventOf } from './types';

type Listener = {
  name: string;
  events: DomainEventName[];
  handle: (event: EventOf<DomainEventName>) => Promise<void>;
  /** A cheap in-memory filter: when it answers false for a workspace and event, no job is enqueued for it. */
  when?: (workspaceId: number, type: DomainEventName, data: unknown) => boolean;
};

const LISTENER_JOB = 'domain-event';

/**
 * Typed domain events. Listeners registered with `on` run as durable jobs: `emit` inside a transaction
 * enqueues one job per interested listener in that same transaction, so a committed change never loses
 * its side effects and a rolled-back one never has any. Listeners registered with `live` are for effects
 * that may be lost in a crash because clients recover them anyway (realtime pushes: a browser refetches
 * when its socket reconnects); they run in this process right after the commit, which spares the queue
 * two jobs per inbound message.
 */
export class EventBus {
  private readonly listeners = new Map<string, Listener>();
  private readonly liveListeners = new Map<string, Listener>();

  constructor(
    private readonly jobs: JobQueue,
    private readonly log?: Logger,
  ) {
    jobs.define<{ listener: string; event: EventOf<DomainEventName> }>({
      name: LISTENER_JOB,
      batchSize: 50,
      concurrency: 10,
      retryLimit: 8,
      handler: async ({ listener, event }) => {
        const l = this.listeners.get(listener) ?? this.liveListeners.get(listener);
        if (!l) return; // a listener removed between deploys: nothing to do
        await l.handle(event);
      },
    });
  }

  /**
   * One listener per concern; `name` must be stable across deploys (queued jobs refer to it). `opts.when`
   * (given the workspace, the event type and its payload)
   * skips workspaces the listener has nothing to do for (outgoing webhooks: workspaces without any), so
   * they do not pay a job per event.
   */
  on<K extends DomainEventName>(
    name: string,
    events: K[],
    handle: (event: EventOf<K>) => Promise<void>,
    opts: { when?: (workspaceId: number, type: DomainEventName, data: unknown) => boolean } = {},
  ): void {
    if (this.listeners.has(name) || this.liveListeners.has(name)) throw new Error(`listener ${name} registered twice`);
    this.listeners.set(name, { name, events, handle: handle as Listener['handle'], when: opts.when });
  }

  /** The events a listener (durable or live) is registered for. */
  eventsOf(listener: string): DomainEventName[] | undefined {
    return (this.listeners.get(listener) ?? this.liveListeners.get(listener))?.events;
  }

  /** A listener run in-process after the emitting transaction commits (see the class comment). */
  live<K extends DomainEventName>(name: string, events: K[], handle: (event: EventOf<K>) => Promise<void>): void {
    if (this.listeners.has(name) || this.liveListeners.has(name)) throw new Error(`listener ${name} registered twice`);
    this.liveListeners.set(name, { name, events, handle: handle as Listener['handle'] });
  }

  async emit<K extends DomainEventName>(
    tx: Db | Tx,
    workspaceId: number,
    type: K,
    data: DomainEvents[K],
  ): Promise<void> {
    await this.emitMany(tx, [{ workspaceId, type, data }]);
  }

  async emitMany(tx: Db | Tx, events: { workspaceId: number; type: DomainEventName; data: unknown }[]): Promise<void> {
    const at = new Date().toISOString();
    const jobs: { data: { listener: string; event: unknown } }[] = [];
    const live: { listener: Listener; event: EventOf<DomainEventName> }[] = [];
    for (const e of events) {
      const event = { type: e.type, workspaceId: e.workspaceId, at, data: e.data } as EventOf<DomainEventName>;
      for (const l of this.listeners.values()) {
        if (l.events.includes(e.type) && (l.when?.(e.workspaceId, e.type, e.data) ?? true))
          jobs.push({ data: { listener: l.name, event } });
      }
      for (const l of this.liveListeners.values()) if (l.events.includes(e.type)) live.push({ listener: l, event });
    }
    // A transaction opened without hooks cannot tell us when it commits: run its live listeners as jobs.
    if (live.length > 0 && !afterCommit(tx, () => this.runLive(live)))
      for (const { listener, event } of live) jobs.push({ data: { listener: listener.name, event } });
    await this.jobs.sendMany(LISTENER_JOB, jobs, tx);
  }

  private runLive(items: { listener: Listener; event: EventOf<DomainEventName> }[]): void {
    for (const { listener, event } of items) {
      listener.handle(event).catch((err) => this.log?.warn({ err, listener: listener.name }, 'live listener failed'));
    }
  }
}
