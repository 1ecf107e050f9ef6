import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ROLES, type Actor, type Role } from '../domain/identity';
import { inTransaction, isTransientDbError, type Db } from './db';

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
}

/** The identity is another principal's (an API key's name, or an OIDC subject): one id is one person. */
export class IdentityTakenError extends Error {
  readonly code = 'IDENTITY_TAKEN';
}

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const UNIQUE_VIOLATION = '23505';

/**
 * Identities and API keys in the mission store. Key names and OIDC subjects share one namespace: a
 * name is claimed by the first principal that uses it, so an OIDC user can never act as a key's
 * owner (or the other way round), and two keys never share a name. Keys are kept hashed. Verified
 * keys are cached for a few seconds (a revoked key stops working within that time).
 */
export class IdentityStore {
  private readonly cache = new Map<string, { actor: Actor | undefined; until: number }>();
  private readonly oidcKnown = new Set<string>();
  constructor(
    private readonly db: Db,
    private readonly cacheMs = 5_000,
  ) {}

  async count(): Promise<number> {
    const r = await this.db.query<{ n: number }>(`select count(*)::int as n from api_keys`);
    return r.rows[0]!.n;
  }

  async verifyKey(key: string): Promise<Actor | undefined> {
    const h = sha256(key);
    const hit = this.cache.get(h);
    if (hit && hit.until > Date.now()) return hit.actor;
    let r;
    try {
      r = await this.db.query<{ name: string; role: Role }>(`select name, role from api_keys where sha256 = $1`, [h]);
    } catch (err) {
      // The store is down: a key it vouched for a moment ago still is (a revoked key has left the cache).
      if (hit && isTransientDbError(err)) return hit.actor;
      throw err;
    }
    const row = r.rows[0];
    const actor: Actor | undefined = row ? { id: row.name, role: row.role } : undefined;
    this.cache.set(h, { actor, until: Date.now() + this.cacheMs });
    return actor;
  }

  /**
   * A new key for `name` with `role`, shown once; only its hash is kept. Refused when the name is
   * another key's or an OIDC subject's. `key` (the bootstrap admin key) is idempotent: the same key
   * for the same name is accepted again.
   */
  async createKey(name: string, role: Role, key = `capeo_${randomBytes(32).toString('base64url')}`): Promise<{ id: string; key: string }> {
    if (!ROLES.includes(role)) throw new Error(`unknown role ${role}`);
    return inTransaction(this.db, async (c) => {
      const same = await c.query<{ key_id: string; name: string }>(`select key_id, name from api_keys where sha256 = $1`, [sha256(key)]);
      if (same.rows[0]) {
        if (same.rows[0].name !== name) throw new IdentityTakenError(`this key belongs to another identity`);
        return { id: same.rows[0].key_id, key };
      }
      const identity = await c.query<{ kind: string }>(`select kind from identities where id = $1 for update`, [name]);
      if (identity.rows[0]?.kind === 'oidc') throw new IdentityTakenError(`'${name}' is an OIDC user's identity`);
      const taken = await c.query(`select 1 from api_keys where name = $1`, [name]);
      if (taken.rowCount) throw new IdentityTakenError(`an API key named '${name}' exists: revoke it first, or choose another name`);
      if (!identity.rows[0]) await c.query(`insert into identities (id, kind) values ($1, 'api-key')`, [name]);
      const id = randomUUID();
      try {
        await c.query(`insert into api_keys (key_id, name, role, sha256) values ($1, $2, $3, $4)`, [id, name, role, sha256(key)]);
      } catch (err) {
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new IdentityTakenError(`an API key named '${name}' exists`);
        throw err;
      }
      return { id, key };
    });
  }

  async listKeys(): Promise<ApiKeyInfo[]> {
    const r = await this.db.query<{ key_id: string; name: string; role: Role; created_at: string }>(`select key_id, name, role, created_at from api_keys order by created_at, name`);
    return r.rows.map((x) => ({ id: x.key_id, name: x.name, role: x.role, createdAt: x.created_at }));
  }

  async revokeKey(id: string): Promise<boolean> {
    const r = await this.db.query<{ sha256: string }>(`delete from api_keys where key_id = $1 returning sha256`, [id]);
    for (const row of r.rows) this.cache.delete(row.sha256);
    return (r.rowCount ?? 0) > 0;
  }

  /**
   * An OIDC subject as an identity: claimed on first use; refused (undefined) when the name is an
   * API key's identity.
   */
  async claimOidcSubject(subject: string): Promise<boolean> {
    if (this.oidcKnown.has(subject)) return true;
    await this.db.query(`insert into identities (id, kind) values ($1, 'oidc') on conflict do nothing`, [subject]);
    const r = await this.db.query<{ kind: string }>(`select kind from identities where id = $1`, [subject]);
    const ok = r.rows[0]?.kind === 'oidc';
    if (ok) this.oidcKnown.add(subject);
    return ok;
  }
}
