import { useEffect, useState } from 'preact/hooks';
import { api, download, ok } from './api';
import { ErrorBox, Section } from './parts';
import { Bars } from './ops';
import { useLocation, navigate } from './router';

const DAY = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 1000) / 10}%`);

type Metrics = Awaited<ReturnType<typeof read>>;
const read = (from: string, to: string) => ok(api.GET('/program/metrics', { params: { query: { from, to } } }));

/** The hunt program over a period (the last 90 days unless the URL says): what the hunts changed. */
export function Program() {
  const url = useLocation();
  const to = url.searchParams.get('to') ?? day(Date.now() + DAY);
  const from = url.searchParams.get('from') ?? day(Date.parse(to) - 90 * DAY);
  const [m, setM] = useState<Metrics | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    read(`${from}T00:00:00Z`, `${to}T00:00:00Z`).then(setM, setError);
  }, [from, to]);
  const set = (k: 'from' | 'to', v: string) => {
    const q = new URLSearchParams(url.search);
    q.set(k, v);
    navigate(`/ui/program?${q}`, true);
  };
  return (
    <main>
      <h1>Hunt program</h1>
      <form class="inline" aria-label="Period" onSubmit={(e) => e.preventDefault()}>
        <label for="program-from">From</label>
        <input id="program-from" type="date" value={from} onChange={(e) => set('from', (e.target as HTMLInputElement).value)} />
        <label for="program-to">To</label>
        <input id="program-to" type="date" value={to} onChange={(e) => set('to', (e.target as HTMLInputElement).value)} />
      </form>
      <ErrorBox error={error} />
      {m && (
        <>
          <Section title="Missions" id="program-missions">
            <dl class="facts">
              <dt>Missions</dt>
              <dd data-fact="missions">{m.missions}</dd>
              <dt>Total Hunt Duration</dt>
              <dd>
                {m.totalHunt.actualHours} h of {m.totalHunt.allocatedHours} h allocated; overrun {m.totalHunt.overrun} ({pct(m.totalHunt.overrunRate)})
              </dd>
              <dt>Execution Phase Duration</dt>
              <dd>
                {m.executionPhase.actualHours} h of {m.executionPhase.allocatedHours} h allocated; overrun {m.executionPhase.overrun} ({pct(m.executionPhase.overrunRate)})
              </dd>
              <dt>Detections</dt>
              <dd data-fact="detections">
                {m.detections.proposed} proposed, {m.detections.accepted} accepted, {m.detections.rejected} rejected
              </dd>
              <dt>Visibility gaps</dt>
              <dd>
                {m.visibilityGaps.raised} raised, {m.visibilityGaps.resolved} resolved
              </dd>
              <dt>Escalations</dt>
              <dd>
                {m.escalations.count}
                {m.escalations.meanHoursToEscalation === null ? '' : `, ${m.escalations.meanHoursToEscalation} h to escalate on average`}
              </dd>
              <dt>ATT&CK</dt>
              <dd>
                {m.techniques.hunted} techniques hunted, {m.techniques.withFindings} with findings{' '}
                <button type="button" class="secondary" onClick={() => download(m.techniques.layer, `capeo-attack-layer-${from}-${to}.json`).catch(setError)}>
                  Download the Navigator layer
                </button>
              </dd>
            </dl>
            <Bars title="Missions by outcome" rows={Object.entries(m.byOutcome).map(([label, value]) => ({ label, value }))} />
            <Bars title="Findings per category" rows={Object.entries(m.findingsPerCategory).map(([label, value]) => ({ label, value }))} />
          </Section>
          <Section title="Per lead" id="program-leads">
            <table>
              <thead>
                <tr>
                  <th scope="col">Lead</th>
                  <th scope="col">Missions</th>
                  <th scope="col">Completed</th>
                  <th scope="col">Overrun rate</th>
                  <th scope="col">Detections</th>
                  <th scope="col">Escalations</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(m.byLead).map(([lead, g]) => (
                  <tr key={lead}>
                    <td>{lead}</td>
                    <td>{g.missions}</td>
                    <td>{g.byOutcome.completed}</td>
                    <td>{pct(g.totalHunt.overrunRate)}</td>
                    <td>{g.detections.proposed}</td>
                    <td>{g.escalations.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </>
      )}
    </main>
  );
}
