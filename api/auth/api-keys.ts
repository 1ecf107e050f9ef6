import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ROLES, type Actor, type Role } from '../../domain/identity';

export interface StoredKey {
  id: string;
  name: string;
  role: Role;
  /** SHA-256 of the key: the key itself is never stored. */
  sha256: string;
  createdAt: string;
}

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/** API keys, kept hashed in a JSON file (mode 0600). Keys look like `capeo_<43 url-safe characters>`. */
export class ApiKeyStore {
  private keys: StoredKey[];
  private byHash: Map<string, StoredKey>;

  constructor(private readonly file: string) {
    try {
      this.keys = JSON.parse(readFileSync(file, 'utf8')) as StoredKey[];
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.keys = [];
    }
    this.byHash = new Map(this.keys.map((k) => [k.sha256, k]));
  }

  get size(): number {
    return this.keys.length;
  }

  verify(key: string): Actor | undefined {
    const k = this.byHash.get(hash(key));
    return k ? { id: k.name, role: k.role } : undefined;
  }

  list(): Array<Omit<StoredKey, 'sha256'>> {
    return this.keys.map(({ sha256: _, ...k }) => k);
  }

  /** A new key for `name` with `role`; the key is returned once and only its hash is kept. */
  create(name: string, role: Role, key = `capeo_${randomBytes(32).toString('base64url')}`): { id: string; key: string } {
    if (!ROLES.includes(role)) throw new Error(`unknown role ${role}`);
    const existing = this.byHash.get(hash(key));
    if (existing) return { id: existing.id, key };
    const stored: StoredKey = { id: randomUUID(), name, role, sha256: hash(key), createdAt: new Date().toISOString() };
    this.keys.push(stored);
    this.byHash.set(stored.sha256, stored);
    this.save();
    return { id: stored.id, key };
  }

  revoke(id: string): boolean {
    const k = this.keys.find((x) => x.id === id);
    if (!k) return false;
    this.keys = this.keys.filter((x) => x !== k);
    this.byHash.delete(k.sha256);
    this.save();
    return true;
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.keys, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
