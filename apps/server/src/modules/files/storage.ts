import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where file bytes live. Local disk under the data dir; an S3-compatible store can implement the same. */
export interface FileStorage {
  put(workspaceId: number, bytes: Buffer): Promise<{ key: string; sha256: string; size: number }>;
  read(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private resolve(key: string): string {
    const full = path.resolve(this.root, key);
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error('invalid storage key');
    return full;
  }

  async put(workspaceId: number, bytes: Buffer) {
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const key = path.posix.join(String(workspaceId), sha256.slice(0, 2), `${crypto.randomUUID()}`);
    const full = this.resolve(key);
    await fs.promises.mkdir(path.dirname(full), { recursive: true });
    await fs.promises.writeFile(full, bytes);
    return { key, sha256, size: bytes.length };
  }

  read(key: string): Promise<Buffer> {
    return fs.promises.readFile(this.resolve(key));
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.resolve(key), { force: true });
  }
}
