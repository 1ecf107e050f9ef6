import { Pool, types, type PoolClient, type PoolConfig } from 'pg';

// Timestamps leave the store as ISO strings (as the domain carries them) and bigint counts as numbers.
types.setTypeParser(types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

export type Db = Pool;

/** A pool on the mission store. Connection errors of idle clients are reported, never thrown at the process. */
export function openDb(url: string, options: Omit<PoolConfig, 'connectionString'> = {}, onError?: (err: Error) => void): Db {
  const pool = new Pool({ connectionString: url, max: 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000, ...options });
  pool.on('error', (err) => onError?.(err));
  return pool;
}

/** Runs `fn` in one transaction: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(db: Db, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await db.connect();
  try {
    await c.query('begin');
    const out = await fn(c);
    await c.query('commit');
    return out;
  } catch (err) {
    await c.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

/** SQLSTATE classes of errors that a retry can outlive: connection trouble, a server shutting down or starting, serialisation failures. */
export function isTransientDbError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  // No SQLSTATE: the connection failed (ECONNREFUSED, ECONNRESET, a connect timeout), not a server answer.
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code.startsWith('57P') || code === '40001' || code === '40P01' || code === '53300';
}
