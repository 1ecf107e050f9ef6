import { AttackStore } from './attack';
import { BacklogStore } from './backlog';
import { CtCheckpoints } from './ct-checkpoints';
import { openDb, type Db } from './db';
import { EffectLog } from './effect-log';
import { InfrastructureStore } from './eavd-infrastructure';
import { IdempotentRequests } from './idempotent-requests';
import { IdentityStore } from './identities';
import { migrate } from './migrate';
import { MissionReads } from './mission-reads';
import { ProgramStore } from './program';

export interface MissionStore {
  db: Db;
  reads: MissionReads;
  effects: EffectLog;
  identities: IdentityStore;
  /** The ATT&CK catalogues and technique coverage. */
  attack: AttackStore;
  /** Program metrics, and the outcomes of findings they count. */
  program: ProgramStore;
  /** The hunt backlog. */
  backlog: BacklogStore;
  /** Certificate-transparency batch checkpoints. */
  ctCheckpoints: CtCheckpoints;
  /** Writes made with an Idempotency-Key, and their answers. */
  idempotency: IdempotentRequests;
  /** EAVD: the lookalikes a mission has seen and their infrastructure clusters. */
  infrastructure: InfrastructureStore;
  /** Is the store answering right now (for readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens the mission store at `url`, bringing its schema up to date first. */
export async function openStore(url: string, onError?: (err: Error) => void): Promise<MissionStore> {
  await migrate(url);
  const db = openDb(url, {}, onError);
  return {
    db,
    reads: new MissionReads(db),
    effects: new EffectLog(db),
    identities: new IdentityStore(db),
    attack: new AttackStore(db),
    program: new ProgramStore(db),
    backlog: new BacklogStore(db),
    ctCheckpoints: new CtCheckpoints(db),
    idempotency: new IdempotentRequests(db),
    infrastructure: new InfrastructureStore(db),
    async ping() {
      try {
        await db.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.end(),
  };
}
