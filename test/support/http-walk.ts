import type { components } from '../../cli/generated/capeo-api';
import type { Replicas } from './replicas';

export type Summary = components['schemas']['MissionSummary'];
export type Finding = components['schemas']['Finding'];

/**
 * The README's mission walk over HTTP through API replicas (test/support/replicas.ts), split at the
 * Execute gate so a fault test can act in between; five people with keys of their own per mission.
 * Every read that waits for the workflow polls; every write carries an Idempotency-Key.
 */
export interface WalkPeople {
  soc: string;
  ann: string;
  lucas: string;
  hana: string;
  hugo: string;
  /** Their user names (the keys' names). */
  names: { lucas: string; hana: string; hugo: string };
}

export async function people(api: Replicas, adminKey: string, suffix: string): Promise<WalkPeople> {
  const key = async (name: string, role: string) => (await api.call<{ key: string }>(adminKey, 'POST', '/api-keys', { name: `${name}${suffix}`, role })).key;
  return {
    soc: await key('soc-platform', 'platform'),
    ann: await key('ann', 'manager'),
    lucas: await key('lucas', 'lead'),
    hana: await key('hana', 'hunter'),
    hugo: await key('hugo', 'hunter'),
    names: { lucas: `lucas${suffix}`, hana: `hana${suffix}`, hugo: `hugo${suffix}` },
  };
}

/** Polls `read` until `done` holds (every 500 ms, up to `timeoutMs`). */
export async function poll<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs / 1000} s: ${JSON.stringify(value).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export interface Allocation {
  totalHuntHours: number;
  executionPhaseHours: number;
}

/** Start to the Execute phase (its clock running). Answers the mission id. */
export async function walkToExecutePhase(api: Replicas, p: WalkPeople, codeName: string, allocation: Allocation = { totalHuntHours: 40, executionPhaseHours: 30 }): Promise<string> {
  const started = await api.call<{ missionId: string }>(p.soc, 'POST', '/missions', {
    type: 'EAVD',
    codeName,
    topic: 'Lookalike domains phishing our customers',
    trigger: 'intel',
    keywords: ['lookalike'],
    stakeholders: ['fraud-team'],
    audience: ['security-newsletter@example.org'],
  });
  const id = started.missionId;
  const m = `/missions/${id}`;
  const summary = () => api.call<Summary>(p.ann, 'GET', m);
  const decide = (key: string, gate: string) => decideWhenReady(api, key, id, gate, p.ann);

  await decide(p.ann, 'collect');

  await api.call(p.ann, 'PUT', `${m}/lead`, { lead: p.names.lucas });
  await api.call(p.lucas, 'POST', `${m}/squad/invitations`, { hunters: [p.names.hana, p.names.hugo] });
  for (const hunter of [p.hana, p.hugo]) await api.call(hunter, 'POST', `${m}/squad/response`, { accept: true });
  await api.call(p.hana, 'POST', `${m}/work-items/initial-research`, { data: { references: [{ title: 'dnstwist', link: 'https://github.com/elceef/dnstwist', kind: 'code' }] } });
  await api.call(p.lucas, 'POST', `${m}/work-items/feasibility`, {
    data: { dataAvailability: 4, informationQuality: 3, skillsets: 4, resourceConstraints: 3, timelines: 4, crownJewelsImpacted: true, majorVulnerabilities: false, emergentThreat: true },
  });
  await api.call(p.hugo, 'POST', `${m}/work-items/owners`, { data: { owners: [{ name: 'Web team', contact: 'web@example.org', kind: 'technical' }] } });
  await api.call(p.lucas, 'POST', `${m}/work-items/team-engagement`, { data: { teams: [], statement: 'No other team needed' } });
  await decide(p.lucas, 'analyze');

  await api.call(p.lucas, 'PUT', `${m}/allocation`, { allocation });
  await api.call(p.lucas, 'POST', `${m}/work-items/objectives`, { data: { objectives: ['lookalike domains with MX records'] } });
  // The squad's channel and the action plan are effects: the gate waits for them.
  await decide(p.lucas, 'plan');
  await poll(`${id} execute phase`, summary, (s) => s.phase === 'execute');
  return id;
}

/** The Execute phase's work: data sources, a hunt query, two findings, the suspicious one escalated. */
export async function executeWork(api: Replicas, p: WalkPeople, id: string, codeName: string): Promise<void> {
  const m = `/missions/${id}`;
  await api.call(p.hana, 'POST', `${m}/work-items/data-sources`, { data: { sources: [{ name: 'dns', location: 'samples/logs/dns.ndjson', model: 'DNS query log' }] } });
  await api.call(p.hana, 'POST', `${m}/queries`, {
    title: 'Lookups of lookalikes',
    query: "select query, count(*) as n from dns where query like '%examp1e%' group by query",
    from: '2026-11-01T00:00:00Z',
    to: '2026-11-21T00:00:00Z',
  });
  const added = await api.call<{ finding: { id: string } }>(p.hana, 'POST', `${m}/findings`, {
    category: 'suspicious-security-event',
    severity: 'high',
    title: `${codeName}: examp1e-login.com has MX and a fresh certificate`,
    observables: [{ type: 'domain', value: 'examp1e-login.com' }],
  });
  await api.call(p.hugo, 'POST', `${m}/findings`, { category: 'hunt-opportunity', severity: 'low', title: `${codeName}: more lookalikes to sweep` });
  await poll(`${id} escalation`, () => api.call<Finding>(p.ann, 'GET', `${m}/findings/${added.finding.id}`), (f) => f.status === 'escalated');
}

/** Start to the open Execute gate, with a suspicious security event recorded and escalated. Answers the mission id. */
export async function walkToExecute(api: Replicas, p: WalkPeople, codeName: string, allocation?: Allocation): Promise<string> {
  const id = await walkToExecutePhase(api, p, codeName, allocation);
  await executeWork(api, p, id, codeName);
  return id;
}

/** Approves `gate` once it is open with nothing required missing (system items are effects, done in their own time). */
export async function decideWhenReady(api: Replicas, key: string, id: string, gate: string, reader: string): Promise<Summary> {
  await poll(`${id} ${gate} gate open with nothing missing`, () => api.call<Summary>(reader, 'GET', `/missions/${id}`), (s) => s.openGate === gate && s.gate?.missing.length === 0);
  return api.call<Summary>(key, 'POST', `/missions/${id}/gates/${gate}/decision`, { decision: 'approve' });
}

/** From the open Execute gate to the mission's end. Answers the last gate's answer. */
export async function walkFromExecute(api: Replicas, p: WalkPeople, id: string): Promise<Summary> {
  await decideWhenReady(api, p.lucas, id, 'execute', p.ann);
  await api.call(p.lucas, 'POST', `/missions/${id}/report/release`, {});
  return decideWhenReady(api, p.lucas, id, 'outcomes', p.ann);
}

/** Every item of a paged listing through the replicas. */
export async function everyItem<T>(api: Replicas, key: string, path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await api.call(key, 'GET', `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
