import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { inviteHuntersSchema, releaseReportSchema, runQuerySchema } from '../../domain/commands';
import { FINDING_CATEGORIES, newFindingSchema, SEVERITIES } from '../../domain/findings';
import { mayHunt, mayLead, mayManage } from '../../domain/gates';
import { timeAllocationSchema } from '../../domain/allocation';
import { workItemDefinitions, type MissionTypeCode } from '../../domain/mission-types';
import { PHASES, type Phase } from '../../domain/phases';
import { WORK_ITEM_PAYLOADS, type RecordableItem } from '../../domain/work-items';
import { api, download, fetchArtifact, ok, type AuditItem, type EffectItem, type Finding, type Identity, type Metrics, type MissionView, type QueryItem } from './api';
import { SchemaForm } from './forms';
import { duration, when, words } from './format';
import { domainToAscii, domainToUnicode } from './idn';
import { ClockBar, ErrorBox, Section } from './parts';
import { missionHref } from './router';
import { follow } from './sse';
import { useNow } from './time';

export interface Settings {
  temporalUiUrl: string | null;
  namespace: string;
}

/** One mission: stepper, clocks, the gate, the current phase's work, squad, findings, queries, effects, outcomes, timeline. */
export function MissionPage({ id, me, settings }: { id: string; me: Identity; settings: Settings }) {
  const [mission, setMission] = useState<MissionView | null>(null);
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const now = useNow(1000);
  const path = { id };

  useEffect(() => {
    let stale = false;
    Promise.all([ok(api.GET('/missions/{id}', { params: { path } })), ok(api.GET('/missions/{id}/metrics', { params: { path } }))]).then(
      ([m, x]) => {
        if (stale) return;
        setMission(m);
        setMetrics(x);
        setError(null);
      },
      (err) => !stale && setError(err),
    );
    return () => {
      stale = true;
    };
  }, [id, version]);

  // Every audit entry of the mission (from the API's stream) renews what the page shows.
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    void follow(`/missions/${encodeURIComponent(id)}/events`, () => {
      clearTimeout(timer);
      timer = setTimeout(() => setVersion((v) => v + 1), 150);
    }, abort.signal);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [id]);

  const refresh = () => setVersion((v) => v + 1);
  if (!mission) return <main>{error ? <ErrorBox error={error} /> : <p role="status">Loading {id}…</p>}</main>;
  const m = mission;
  const who = { lead: m.lead, squad: m.squad as Parameters<typeof mayHunt>[0]['squad'] };
  const actor = { id: me.id, role: me.role };
  const active = m.status === 'active';
  const leadReason = !active ? `the mission is ${m.status}` : mayLead(who, actor) ? undefined : m.lead ? `only the mission lead (${m.lead}) may` : 'only a hunt manager may, until a lead is assigned';
  const huntReason = !active ? `the mission is ${m.status}` : mayHunt(who, actor) ? undefined : 'only squad members may';
  const manageReason = !active ? `the mission is ${m.status}` : mayManage(who, actor) ? undefined : 'only a hunt manager or the mission lead may';
  const temporalLink = settings.temporalUiUrl ? `${settings.temporalUiUrl}/namespaces/${encodeURIComponent(settings.namespace)}/workflows/${encodeURIComponent(m.missionId)}` : null;

  return (
    <main class="mission">
      <header class="mission-head">
        <h1>{m.displayName}</h1>
        <p class="meta">
          {m.type} · {m.huntType} hunt · {words(m.status)} · phase {m.phase} · lead {m.lead ?? 'none yet'} · iteration {m.iteration} · topic: {m.topic}
        </p>
        {m.origin && (
          <p class="meta" data-fact="origin">
            From backlog entry <a href="/ui/backlog">{m.origin.backlogId}</a>
            {m.origin.basedOn && (
              <>
                , building on <a href={missionHref(m.origin.basedOn)}>{m.origin.basedOn}</a>
              </>
            )}
          </p>
        )}
        {temporalLink && (
          <p>
            <a href={temporalLink} target="_blank" rel="noopener noreferrer">
              The workflow in the Temporal Web UI
            </a>
          </p>
        )}
      </header>
      <ErrorBox error={error} />
      <Stepper m={m} metrics={metrics} />
      <Section title="Clocks" id="clocks">
        <ClockBar label="Total Hunt Duration" clock={m.clocks.total} warnings={m.policy.clockWarnings} now={now} />
        <ClockBar label="Execution Phase Duration" clock={m.clocks.execution} warnings={m.policy.clockWarnings} now={now} />
      </Section>
      <GatePanel m={m} now={now} disabledReason={leadReason} onDone={refresh} />
      {m.phase === 'analyze' && me.role === 'manager' && active && <LeadForm id={id} current={m.lead} onDone={refresh} />}
      {m.phase === 'plan' && <AllocationForm id={id} disabledReason={leadReason} onDone={refresh} />}
      <Squad m={m} me={me} leadReason={leadReason} onDone={refresh} />
      <WorkItems m={m} leadReason={leadReason} huntReason={huntReason} onDone={refresh} />
      <Findings id={id} version={version} huntReason={m.phase === 'execute' || m.phase === 'analyze' || m.phase === 'plan' ? huntReason : `findings are recorded up to Execute, not in ${m.phase}`} onDone={refresh} />
      <Queries id={id} version={version} huntReason={m.phase === 'execute' ? huntReason : `queries run in Execute, not in ${m.phase}`} onDone={refresh} />
      <Effects id={id} version={version} manageReason={manageReason} onDone={refresh} />
      <Outcomes m={m} leadReason={m.phase === 'outcomes' ? leadReason : `the report is released in Outcomes, not in ${m.phase}`} onDone={refresh} />
      <Attack id={id} version={version} />
      <Timeline id={id} version={version} />
    </main>
  );
}

function Stepper({ m, metrics }: { m: MissionView; metrics: Metrics | null }) {
  const at = PHASES.indexOf(m.phase as Phase);
  return (
    <nav aria-label="Phases">
      <ol class="stepper">
        {PHASES.map((p, i) => (
          <li key={p} class={i < at ? 'done' : i === at ? 'current' : 'todo'} aria-current={i === at ? 'step' : undefined}>
            <strong>{words(p)}</strong>
            {/* Always a line, so the page below does not move when a phase is reached. */}
            <small>{metrics && (i <= at || (metrics.phaseHours[p] ?? 0) > 0) ? `${duration((metrics.phaseHours[p] ?? 0) * 3_600_000)} in phase · gate ${duration((metrics.gateWaitHours[p] ?? 0) * 3_600_000)}` : 'not reached'}</small>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function GatePanel({ m, now, disabledReason, onDone }: { m: MissionView; now: number; disabledReason: string | undefined; onDone: () => void }) {
  const [reasonText, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!m.openGate || !m.gate) {
    return (
      <Section title="Gate" id="gate">
        <p>No gate is open: the {m.phase} phase's work is under way.</p>
      </Section>
    );
  }
  const gate = m.openGate;
  const missing = m.gate.missing;
  const decided = m.gate.decided;
  if (decided || m.status !== 'active') {
    return (
      <Section title={`Gate: ${words(gate)}`} id="gate">
        <p>{decided ? `${decided.decision === 'approve' ? 'Approved' : 'Rejected'} by ${decided.by}, ${when(decided.at)}${decided.reason ? `: ${decided.reason}` : ''}.` : `The mission is ${m.status}.`}</p>
      </Section>
    );
  }
  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      const body = decision === 'approve' ? { decision } : { decision, reason: reasonText };
      await ok(api.POST('/missions/{id}/gates/{gate}/decision', { params: { path: { id: m.missionId, gate } }, body }));
      setReason('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const approveWhy = disabledReason ?? (missing.length ? `approval needs: ${missing.join(', ')}` : undefined);
  const rejectWhy = disabledReason ?? (reasonText.trim() ? undefined : 'a rejection needs a reason');
  return (
    <Section title={`Gate: ${words(gate)}`} id="gate">
      <p>
        Open since {when(m.gate.openedAt)} ({duration(now - Date.parse(m.gate.openedAt))}), round {m.gate.round}.
      </p>
      {missing.length > 0 ? (
        <div class="missing">
          <p>Approval would be refused: these required items are not done.</p>
          <ul>
            {missing.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="ok">Every required item is done.</p>
      )}
      {m.gate.failed.length > 0 && <p class="bad">Failed system steps (retry their effects below): {m.gate.failed.join(', ')}</p>}
      <div class="field">
        <label for="gate-reason">Reason (required to reject; a note when approving)</label>
        <textarea id="gate-reason" rows={2} value={reasonText} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
      </div>
      <div class="buttons">
        <button type="button" disabled={busy || Boolean(approveWhy)} aria-describedby="approve-why" onClick={() => decide('approve')}>
          Approve {gate}
        </button>
        <button type="button" class="danger" disabled={busy || Boolean(rejectWhy)} aria-describedby="reject-why" onClick={() => decide('reject')}>
          Reject {gate}
        </button>
      </div>
      {approveWhy && (
        <small id="approve-why" class="hint">
          Approve is disabled: {approveWhy}.
        </small>
      )}
      {rejectWhy && (
        <small id="reject-why" class="hint">
          Reject is disabled: {rejectWhy}.
        </small>
      )}
      <ErrorBox error={error} />
    </Section>
  );
}

const leadSchema = z.object({ lead: z.string().trim().regex(/^[\w.@+-]{1,120}$/, 'an identity: letters, digits and . @ + - _') });

function LeadForm({ id, current, onDone }: { id: string; current: string | null; onDone: () => void }) {
  return (
    <Section title="Mission lead" id="lead">
      <p>{current ? `The lead is ${current}.` : 'No lead yet: designate one.'}</p>
      <SchemaForm name="lead" schema={leadSchema} submitLabel="Designate lead" onSubmit={async (v) => { await ok(api.PUT('/missions/{id}/lead', { params: { path: { id } }, body: v })); onDone(); }} />
    </Section>
  );
}

const allocationForm = z.object({ allocation: timeAllocationSchema });
function AllocationForm({ id, disabledReason, onDone }: { id: string; disabledReason: string | undefined; onDone: () => void }) {
  return (
    <Section title="Time allocation" id="allocation">
      <SchemaForm name="allocation" schema={allocationForm} submitLabel="Set allocation" disabledReason={disabledReason} onSubmit={async (v) => { await ok(api.PUT('/missions/{id}/allocation', { params: { path: { id } }, body: v })); onDone(); }} />
    </Section>
  );
}

function Squad({ m, me, leadReason, onDone }: { m: MissionView; me: Identity; leadReason: string | undefined; onDone: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const members = Object.entries(m.squad);
  const mine = m.squad[me.id];
  const respond = async (accept: boolean) => {
    setError(null);
    try {
      await ok(api.POST('/missions/{id}/squad/response', { params: { path: { id: m.missionId } }, body: { accept } }));
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title="Squad" id="squad">
      {members.length ? (
        <ul>
          {members.map(([who, s]) => (
            <li key={who}>
              {who}: {s.status}
            </li>
          ))}
        </ul>
      ) : (
        <p>No hunter invited yet.</p>
      )}
      {mine?.status === 'invited' && m.status === 'active' && (
        <div class="buttons">
          <button type="button" onClick={() => respond(true)}>
            Accept the invitation
          </button>
          <button type="button" class="secondary" onClick={() => respond(false)}>
            Decline
          </button>
        </div>
      )}
      <ErrorBox error={error} />
      {m.status === 'active' && (m.phase === 'analyze' || m.phase === 'plan') && (
        <SchemaForm name="invite" schema={inviteHuntersSchema} submitLabel="Invite hunters" disabledReason={leadReason} onSubmit={async (v) => { await ok(api.POST('/missions/{id}/squad/invitations', { params: { path: { id: m.missionId } }, body: v })); onDone(); }} />
      )}
    </Section>
  );
}

type ItemPath = `/missions/{id}/work-items/${RecordableItem}`;

function WorkItems({ m, leadReason, huntReason, onDone }: { m: MissionView; leadReason: string | undefined; huntReason: string | undefined; onDone: () => void }) {
  const defs = workItemDefinitions(m.type as MissionTypeCode, m.phase as Phase);
  const records = m.workItems[m.phase] ?? {};
  return (
    <Section title={`Work items of ${words(m.phase)}`} id="work-items">
      {defs.map((d) => {
        const r = records[d.name];
        const payload = (WORK_ITEM_PAYLOADS as Record<string, z.ZodType>)[d.name];
        return (
          <article class="work-item" key={d.name} data-item={d.name}>
            <h3>
              {d.title} {d.required ? '' : '(optional)'}
            </h3>
            <p class={r ? (r.status === 'failed' ? 'bad' : 'ok') : 'todo'}>
              {r ? `${r.status === 'failed' ? 'failed' : 'done'} by ${r.by}, ${when(r.at)}` : d.author === 'system' ? 'capeo records this itself' : `to be recorded by ${d.author === 'lead' ? 'the lead' : 'the squad'}`}
            </p>
            {payload && d.author !== 'system' && m.status === 'active' && (
              <details open={!r && d.required}>
                <summary>{r ? 'Record again' : 'Record'}</summary>
                <SchemaForm
                  name={`item-${d.name}`}
                  schema={payload}
                  submitLabel={`Record ${d.name}`}
                  apiPrefix="body.data."
                  disabledReason={d.author === 'lead' ? leadReason : huntReason}
                  onSubmit={async (data) => {
                    const post = api.POST as unknown as (p: ItemPath, init: { params: { path: { id: string } }; body: { data: unknown } }) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
                    await ok(post(`/missions/{id}/work-items/${d.name as RecordableItem}`, { params: { path: { id: m.missionId } }, body: { data } }));
                    onDone();
                  }}
                />
              </details>
            )}
          </article>
        );
      })}
    </Section>
  );
}

/** An observable as text; a domain with `xn--` labels (or Unicode) shown as both Unicode and punycode. */
export function Observable({ type, value }: { type: string; value: string }) {
  if (type === 'domain' || type === 'hostname') {
    const unicode = domainToUnicode(value);
    const ascii = domainToAscii(value);
    if (unicode !== ascii) {
      return (
        <span class="observable">
          {type}: {unicode} <span class="punycode">({ascii})</span>
        </span>
      );
    }
  }
  return (
    <span class="observable">
      {type}: {value}
    </span>
  );
}

const FINDING_STATUS = ['open', 'escalated', 'withdrawn'] as const;
const addFindingForm = newFindingSchema.pick({ category: true, title: true, severity: true, description: true, observables: true, sourceKey: true });

function Findings({ id, version, huntReason, onDone }: { id: string; version: number; huntReason: string | undefined; onDone: () => void }) {
  const [filter, setFilter] = useState<{ category?: string; severity?: string; status?: string }>({});
  const [cursor, setCursor] = useState<string | undefined>();
  const [page, setPage] = useState<{ items: Finding[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const query = {
      limit: 25,
      order: 'desc' as const,
      ...(filter.category && { category: filter.category as (typeof FINDING_CATEGORIES)[number] }),
      ...(filter.severity && { severity: filter.severity as (typeof SEVERITIES)[number] }),
      ...(filter.status && { status: filter.status as (typeof FINDING_STATUS)[number] }),
      ...(cursor && { cursor }),
    };
    ok(api.GET('/missions/{id}/findings', { params: { path: { id }, query } })).then(setPage, setError);
  }, [id, version, filter, cursor]);
  const pick = (name: keyof typeof filter, values: readonly string[]) => (
    <label>
      {words(name)}
      <select value={filter[name] ?? ''} onChange={(e) => { setCursor(undefined); setFilter({ ...filter, [name]: (e.currentTarget as HTMLSelectElement).value || undefined }); }}>
        <option value="">any</option>
        {values.map((v) => (
          <option key={v}>{v}</option>
        ))}
      </select>
    </label>
  );
  return (
    <Section title="Findings" id="findings">
      <div class="filters">
        {pick('category', FINDING_CATEGORIES)}
        {pick('severity', SEVERITIES)}
        {pick('status', FINDING_STATUS)}
      </div>
      <ErrorBox error={error} />
      <table class="findings">
        <caption class="sr-only">Findings, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Category</th>
            <th scope="col">Severity</th>
            <th scope="col">Title</th>
            <th scope="col">Observables</th>
            <th scope="col">Status</th>
            <th scope="col">Escalation, ticket, TIP</th>
          </tr>
        </thead>
        <tbody>
          {page?.items.map((f) => (
            <tr key={f.id} data-finding={f.id}>
              <td>{f.id}</td>
              <td>{f.category}</td>
              <td>{f.severity}</td>
              <td class="title">{f.title}</td>
              <td>
                {f.observables.map((o, i) => (
                  <div key={i}>
                    <Observable type={o.type} value={o.value} />
                  </div>
                ))}
              </td>
              <td>{f.status}</td>
              <td>
                {f.escalation && <div>escalated {when(f.escalation.at)}</div>}
                {[f.ticket, f.tip].filter(Boolean).map((ref) => (
                  <div key={ref!.id}>{ref!.url && /^https?:\/\//.test(ref!.url) ? <a href={ref!.url} target="_blank" rel="noopener noreferrer">{`${ref!.system} ${ref!.id}`}</a> : `${ref!.system} ${ref!.id}`}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && !page.items.length && <p>No finding{Object.values(filter).some(Boolean) ? ' matches the filters' : ' yet'}.</p>}
      <div class="buttons">
        {cursor && (
          <button type="button" class="secondary" onClick={() => setCursor(undefined)}>
            Newest
          </button>
        )}
        {page?.nextCursor && (
          <button type="button" class="secondary" onClick={() => setCursor(page.nextCursor!)}>
            Older findings
          </button>
        )}
      </div>
      <details>
        <summary>Record a finding</summary>
        <SchemaForm name="finding" schema={addFindingForm} submitLabel="Record finding" disabledReason={huntReason} onSubmit={async (v) => { await ok(api.POST('/missions/{id}/findings', { params: { path: { id } }, body: v })); onDone(); }} />
      </details>
    </Section>
  );
}

function Queries({ id, version, huntReason, onDone }: { id: string; version: number; huntReason: string | undefined; onDone: () => void }) {
  const [items, setItems] = useState<QueryItem[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    ok(api.GET('/missions/{id}/queries', { params: { path: { id }, query: { limit: 50 } } })).then((p) => setItems(p.items), setError);
  }, [id, version]);
  return (
    <Section title="Hunt queries" id="queries">
      <ErrorBox error={error} />
      {items.map((q) => (
        <article class="query" key={q.id}>
          <h3>
            {q.title} — {q.rowCount} rows
          </h3>
          <pre class="sql">{q.query}</pre>
          {q.sample.length > 0 && (
            <table>
              <thead>
                <tr>
                  {q.columns.map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {q.sample.map((row, i) => (
                  <tr key={i}>
                    {q.columns.map((c) => (
                      <td key={c}>{String(row[c] ?? '')}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
      <details>
        <summary>Run a hunt query</summary>
        <SchemaForm name="query" schema={runQuerySchema} submitLabel="Run query" disabledReason={huntReason} onSubmit={async (v) => { await ok(api.POST('/missions/{id}/queries', { params: { path: { id } }, body: v })); onDone(); }} />
      </details>
    </Section>
  );
}

function Effects({ id, version, manageReason, onDone }: { id: string; version: number; manageReason: string | undefined; onDone: () => void }) {
  const [failed, setFailed] = useState<EffectItem[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    ok(api.GET('/missions/{id}/effects', { params: { path: { id }, query: { state: 'failed', limit: 100 } } })).then((p) => setFailed(p.items), setError);
  }, [id, version]);
  const retry = async (effectId: string) => {
    setError(null);
    try {
      await ok(api.POST('/missions/{id}/effects/{effectId}/retry', { params: { path: { id, effectId } } }));
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title="Failed effects" id="effects">
      <ErrorBox error={error} />
      {failed.length === 0 ? (
        <p class="ok">No side effect has failed.</p>
      ) : (
        <ul>
          {failed.map((e) => (
            <li key={e.id}>
              {e.id} {e.kind} {e.subject ?? ''} — {e.attempts} attempts: {e.error}{' '}
              <button type="button" disabled={Boolean(manageReason)} title={manageReason} onClick={() => retry(e.id)}>
                Retry {e.id}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Outcomes({ m, leadReason, onDone }: { m: MissionView; leadReason: string | undefined; onDone: () => void }) {
  const [report, setReport] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const has = (name: string) => Boolean(m.artifacts[name]);
  useEffect(() => {
    if (!has('report.html')) return;
    let url: string | null = null;
    fetchArtifact(m.missionId, 'report.html').then((b) => setReport((url = URL.createObjectURL(new Blob([b], { type: 'text/html' })))), setError);
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [m.missionId, has('report.html')]);
  const download = async (name: string) => {
    try {
      const blob = await fetchArtifact(m.missionId, name);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${m.missionId}-${name}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (err) {
      setError(err);
    }
  };
  if (m.phase !== 'outcomes' && !Object.keys(m.artifacts).length) return null;
  return (
    <Section title="Outcomes" id="outcomes">
      <ErrorBox error={error} />
      {m.phase === 'outcomes' && !has('report.md') && m.status === 'active' && (
        <SchemaForm name="release" schema={releaseReportSchema} submitLabel="Release the report" disabledReason={leadReason} onSubmit={async (v) => { await ok(api.POST('/missions/{id}/report/release', { params: { path: { id: m.missionId } }, body: v })); onDone(); }} />
      )}
      <div class="buttons">
        {['playbook.ipynb', 'report.md', 'comms.txt'].filter(has).map((name) => (
          <button type="button" class="secondary" key={name} onClick={() => download(name)}>
            Download {name}
          </button>
        ))}
      </div>
      {report && <iframe class="report" title="Threat Hunt Report" sandbox="" src={report} />}
    </Section>
  );
}

function Timeline({ id, version }: { id: string; version: number }) {
  const [items, setItems] = useState<AuditItem[]>([]);
  useEffect(() => {
    ok(api.GET('/missions/{id}/timeline', { params: { path: { id }, query: { order: 'desc', limit: 50 } } })).then((p) => setItems(p.items), () => undefined);
  }, [id, version]);
  return (
    <Section title="Audit timeline (latest 50)" id="timeline">
      <ol class="timeline">
        {items.map((e) => (
          <li key={e.seq}>
            <time dateTime={e.at}>{when(e.at)}</time> <strong>{e.actor}</strong> {e.action}
            {e.detail ? ` — ${e.detail}` : ''}
          </li>
        ))}
      </ol>
    </Section>
  );
}


/** ATT&CK: the techniques the mission hunted and found, and its Navigator layer. */
function Attack({ id, version }: { id: string; version: number }) {
  const [coverage, setCoverage] = useState<Awaited<ReturnType<typeof readCoverage>> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    readCoverage(id).then(setCoverage, setError);
  }, [id, version]);
  return (
    <Section title="ATT&CK" id="attack">
      <ErrorBox error={error} />
      {coverage && (
        <>
          <p>
            {coverage.hunted} techniques hunted, {coverage.withFindings} with findings{coverage.attackVersion ? ` (ATT&CK ${coverage.attackVersion})` : ''}.{' '}
            <button type="button" class="secondary" onClick={() => download(`/missions/${encodeURIComponent(id)}/attack/layer`, `${id}-attack-layer.json`).catch(setError)}>
              Download the Navigator layer
            </button>
          </p>
          {coverage.techniques.length > 0 && (
            <ul data-list="techniques">
              {coverage.techniques.map((t) => (
                <li key={t.id}>
                  <code>{t.id}</code> {t.name ?? ''}: hunted {t.hunted}, {t.findings} findings
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Section>
  );
}

const readCoverage = (id: string) => ok(api.GET('/missions/{id}/attack', { params: { path: { id } } }));
