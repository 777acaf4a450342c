import type { Db, Tx } from '../db/client';
import type { JobQueue } from '../jobs/queue';
import type { DomainEventName, DomainEvents, EventOf } from './types';

type Listener = { name: string; events: DomainEventName[]; handle: (event: EventOf<DomainEventName>) => Promise<void> };

const LISTENER_JOB = 'domain-event';

/**
 * Typed domain events whose listeners run as durable jobs. `emit` inside a transaction enqueues one
 * job per interested listener in that same transaction, so a committed change never loses its side
 * effects and a rolled-back one never has any.
 */
export class EventBus {
  private readonly listeners = new Map<string, Listener>();

  constructor(private readonly jobs: JobQueue) {
    jobs.define<{ listener: string; event: EventOf<DomainEventName> }>({
      name: LISTENER_JOB,
      batchSize: 50,
      concurrency: 10,
      retryLimit: 8,
      handler: async ({ listener, event }) => {
        const l = this.listeners.get(listener);
        if (!l) return; // a listener removed between deploys: nothing to do
        await l.handle(event);
      },
    });
  }

  /** One listener per concern; `name` must be stable across deploys (queued jobs refer to it). */
  on<K extends DomainEventName>(name: string, events: K[], handle: (event: EventOf<K>) => Promise<void>): void {
    if (this.listeners.has(name)) throw new Error(`listener ${name} registered twice`);
    this.listeners.set(name, { name, events, handle: handle as Listener['handle'] });
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
    for (const e of events) {
      const event = { type: e.type, workspaceId: e.workspaceId, at, data: e.data };
      for (const l of this.listeners.values()) {
        if (l.events.includes(e.type)) jobs.push({ data: { listener: l.name, event } });
      }
    }
    await this.jobs.sendMany(LISTENER_JOB, jobs, tx);
  }
}
