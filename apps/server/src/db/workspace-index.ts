/** How long an index is trusted before it is read again. */
const FRESH_MS = 5_000;

/**
 * A per-process, briefly cached answer to "which workspaces have something, and of which kinds" (enabled
 * webhooks; published workflows and their trigger types), so that events of the others enqueue no job.
 * While the index is stale every workspace counts as having everything (nothing is lost) and it is re-read
 * in the background; what this process adds counts at once, what another process adds within FRESH_MS.
 */
export class WorkspaceIndex {
  private entries = new Map<number, Set<string>>();
  /** Added by this process: kept even when a read that started earlier ends later. */
  private readonly added: { workspaceId: number; key: string }[] = [];
  private readAt = 0;
  private reading = false;

  constructor(private readonly read: () => Promise<{ workspaceId: number; key: string }[]>) {}

  /** Whether the workspace has anything (no `key`), or something of kind `key`. */
  has(workspaceId: number, key?: string): boolean {
    if (Date.now() - this.readAt > FRESH_MS) {
      void this.refresh();
      return true;
    }
    const keys = this.entries.get(workspaceId);
    return keys !== undefined && (key === undefined || keys.has(key));
  }

  add(workspaceId: number, key = '*'): void {
    this.added.push({ workspaceId, key });
    this.put(this.entries, workspaceId, key);
  }

  private put(map: Map<number, Set<string>>, workspaceId: number, key: string) {
    const keys = map.get(workspaceId) ?? new Set<string>();
    keys.add(key);
    map.set(workspaceId, keys);
  }

  private async refresh(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const next = new Map<number, Set<string>>();
      for (const r of [...(await this.read()), ...this.added]) this.put(next, r.workspaceId, r.key);
      this.entries = next;
      this.readAt = Date.now();
    } catch {
      // The database is closing or unreachable: stay stale (every workspace counts) and retry next time.
    } finally {
      this.reading = false;
    }
  }
}
