import { useEffect, useState } from 'preact/hooks';
import { PHASES } from '../../domain/phases';
import { api, ok, type MissionEntry } from './api';
import { duration, words } from './format';
import { ErrorBox, Section } from './parts';
import { missionHref } from './router';
import { useNow } from './time';

interface Readiness {
  status: string;
  temporal?: boolean;
  store?: boolean;
  workerPollers?: number;
}

/** A horizontal bar chart of counts, drawn as SVG (no inline styles: the page's policy allows none). */
export function Bars({ title, rows }: { title: string; rows: Array<{ label: string; value: number; tone?: string }> }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const h = 22;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={`${title}: ${rows.map((r) => `${r.label} ${r.value}`).join(', ')}`} viewBox={`0 0 420 ${rows.length * h + 4}`} width="100%">
        {rows.map((r, i) => (
          <g key={r.label} transform={`translate(0 ${i * h + 2})`}>
            <text x="0" y="15" class="chart-label">
              {r.label}
            </text>
            <rect x="110" y="3" height="14" width={Math.max(2, (r.value / max) * 270)} class={`chart-bar ${r.tone ?? ''}`} />
            <text x={116 + (r.value / max) * 270} y="15" class="chart-value">
              {r.value}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Ops: missions per phase, overruns, the oldest gate waits, failing effects, worker health. */
export function Ops() {
  const [missions, setMissions] = useState<MissionEntry[]>([]);
  const [ready, setReady] = useState<Readiness | null>(null);
  const [error, setError] = useState<unknown>(null);
  const now = useNow(5000);
  useEffect(() => {
    (async () => {
      const all: MissionEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await ok(api.GET('/missions', { params: { query: { status: 'active', limit: 500, ...(cursor && { cursor }) } } }));
        all.push(...page.missions);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      setMissions(all);
    })().catch(setError);
    fetch('/readyz').then((r) => r.json() as Promise<Readiness>).then(setReady, () => setReady({ status: 'unreachable' }));
  }, [Math.floor(now / 15_000)]);
  const gates = missions.filter((m) => m.openGate && m.gateOpenedAt).sort((a, b) => Date.parse(a.gateOpenedAt!) - Date.parse(b.gateOpenedAt!));
  const failing = missions.filter((m) => m.failedEffects > 0).sort((a, b) => b.failedEffects - a.failedEffects);
  return (
    <main>
      <h1>Ops</h1>
      <ErrorBox error={error} />
      <div class="grid">
        <Section title="Missions per phase" id="per-phase">
          <Bars title="Active missions per phase" rows={PHASES.map((p) => ({ label: words(p), value: missions.filter((m) => m.phase === p).length }))} />
        </Section>
        <Section title="Overruns and failures" id="health">
          <Bars
            title="Missions needing attention"
            rows={[
              { label: 'Overrun', value: missions.filter((m) => m.overrun).length, tone: 'bad' },
              { label: 'Failed effects', value: failing.length, tone: 'bad' },
              { label: 'Gate open', value: gates.length, tone: 'warn' },
            ]}
          />
        </Section>
        <Section title="Worker health" id="ready">
          {ready ? (
            <ul>
              <li class={ready.status === 'ready' ? 'ok' : 'bad'}>{ready.status}</li>
              <li>Temporal: {ready.temporal ? 'reachable' : 'unreachable'}</li>
              <li>Mission store: {ready.store ? 'up' : 'down'}</li>
              <li>Workers polling: {ready.workerPollers ?? 0}</li>
            </ul>
          ) : (
            <p>Checking…</p>
          )}
        </Section>
      </div>
      <Section title="Oldest gate waits" id="gates">
        <Bars title="Hours each gate has waited" rows={gates.slice(0, 10).map((m) => ({ label: `${m.code} ${m.openGate}`, value: Math.round(((now - Date.parse(m.gateOpenedAt!)) / 3_600_000) * 10) / 10, tone: 'warn' }))} />
        <ol>
          {gates.slice(0, 10).map((m) => (
            <li key={m.missionId}>
              <a href={missionHref(m.missionId)}>{m.displayName}</a>: gate {m.openGate} open for {duration(now - Date.parse(m.gateOpenedAt!))}
            </li>
          ))}
        </ol>
      </Section>
      <Section title="Failing effects" id="failing">
        {failing.length ? (
          <ul>
            {failing.map((m) => (
              <li key={m.missionId}>
                <a href={missionHref(m.missionId)}>{m.displayName}</a>: {m.failedEffects} failed
              </li>
            ))}
          </ul>
        ) : (
          <p class="ok">No mission has a failed effect.</p>
        )}
      </Section>
    </main>
  );
}
