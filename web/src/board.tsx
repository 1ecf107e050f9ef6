import { useEffect, useMemo, useState } from 'preact/hooks';
import { MISSION_TYPE_CODES } from '../../domain/mission-types';
import { MISSION_STATUSES, PHASES } from '../../domain/phases';
import { api, ok, type MissionEntry } from './api';
import { duration, words } from './format';
import { ClockBar, ErrorBox } from './parts';
import { missionHref, navigate } from './router';
import { follow } from './sse';
import { useNow } from './time';

const FILTERS = ['type', 'lead', 'status', 'overrun', 'codeName'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

const filtersOf = (url: URL): Filters => Object.fromEntries(FILTERS.flatMap((f) => (url.searchParams.get(f) ? [[f, url.searchParams.get(f)!]] : [])));

/** Does a mission the live stream sent belong on the board as filtered? */
function matches(m: MissionEntry, f: Filters): boolean {
  return (
    (!f.type || m.type === f.type) &&
    (!f.lead || m.lead === f.lead) &&
    ((f.status ?? 'active') === m.status) &&
    (!f.overrun || String(m.overrun) === f.overrun) &&
    (!f.codeName || m.codeName.toLowerCase().startsWith(f.codeName.toLowerCase()))
  );
}

/** Every mission as a card in its phase's column; filters in the URL; live through the API's Server-Sent Events. */
export function Board({ url }: { url: URL }) {
  const filters = useMemo(() => filtersOf(url), [url.search]);
  const [missions, setMissions] = useState<Map<string, MissionEntry>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [live, setLive] = useState(false);
  const now = useNow(1000);

  useEffect(() => {
    const abort = new AbortController();
    (async () => {
      const all = new Map<string, MissionEntry>();
      let cursor: string | undefined;
      do {
        const query = {
          status: (filters.status ?? 'active') as (typeof MISSION_STATUSES)[number],
          limit: 500,
          ...(filters.type && { type: filters.type as (typeof MISSION_TYPE_CODES)[number] }),
          ...(filters.lead && { lead: filters.lead }),
          ...(filters.overrun && { overrun: filters.overrun as 'true' | 'false' }),
          ...(filters.codeName && { codeName: filters.codeName }),
          ...(cursor && { cursor }),
        };
        const page = await ok(api.GET('/missions', { params: { query }, signal: abort.signal }));
        for (const m of page.missions) all.set(m.missionId, m);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && !abort.signal.aborted);
      setMissions(all);
      setError(null);
    })().catch((err) => abort.signal.aborted || setError(err));
    void follow(
      '/missions/events',
      (e) => {
        setMissions((prev) => {
          const next = new Map(prev);
          if (e.event === 'mission') {
            const m = e.data as MissionEntry;
            if (matches(m, filters)) next.set(m.missionId, m);
            else next.delete(m.missionId);
          } else if (e.event === 'ended' && (filters.status ?? 'active') === 'active') {
            next.delete((e.data as { missionId: string }).missionId);
          } else return prev;
          return next;
        });
      },
      abort.signal,
      setLive,
    );
    return () => abort.abort();
  }, [filters]);

  const setFilter = (name: keyof Filters, value: string) => {
    const next = new URL(location.href);
    if (value) next.searchParams.set(name, value);
    else next.searchParams.delete(name);
    navigate(`${next.pathname}${next.search}`, true);
  };

  const byPhase = PHASES.map((p) => ({ phase: p, cards: [...missions.values()].filter((m) => m.phase === p).sort((a, b) => a.code.localeCompare(b.code)) }));
  return (
    <main>
      <h1>Mission board</h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Type
          <select value={filters.type ?? ''} onChange={(e) => setFilter('type', (e.currentTarget as HTMLSelectElement).value)}>
            <option value="">any</option>
            {MISSION_TYPE_CODES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={filters.status ?? 'active'} onChange={(e) => setFilter('status', (e.currentTarget as HTMLSelectElement).value === 'active' ? '' : (e.currentTarget as HTMLSelectElement).value)}>
            {MISSION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Lead
          <input value={filters.lead ?? ''} onChange={(e) => setFilter('lead', (e.currentTarget as HTMLInputElement).value.trim())} />
        </label>
        <label>
          Code name
          <input type="search" value={filters.codeName ?? ''} onChange={(e) => setFilter('codeName', (e.currentTarget as HTMLInputElement).value.trim())} />
        </label>
        <label class="check">
          <input type="checkbox" checked={filters.overrun === 'true'} onChange={(e) => setFilter('overrun', (e.currentTarget as HTMLInputElement).checked ? 'true' : '')} />
          Overrun only
        </label>
        <span class={`live ${live ? 'on' : 'off'}`} role="status">
          {live ? 'live' : 'connecting…'}
        </span>
      </form>
      <ErrorBox error={error} />
      <div class="columns">
        {byPhase.map(({ phase, cards }) => (
          <section class="column" key={phase} aria-label={`${words(phase)}: ${cards.length} missions`} data-phase={phase}>
            <h2>
              {words(phase)} <span class="count">{cards.length}</span>
            </h2>
            {cards.map((m) => (
              <Card key={m.missionId} m={m} now={now} />
            ))}
          </section>
        ))}
      </div>
    </main>
  );
}

function Card({ m, now }: { m: MissionEntry; now: number }) {
  return (
    <article class={`card${m.overrun ? ' overrun' : ''}`} data-mission={m.missionId}>
      <h3>
        <a href={missionHref(m.missionId)}>{m.displayName}</a>
      </h3>
      <p class="meta">
        {m.type} · lead {m.lead ?? 'none yet'}
        {m.iteration > 1 ? ` · iteration ${m.iteration}` : ''}
      </p>
      <ClockBar label="Total hunt" clock={m.clocks.total} warnings={m.clockWarnings} now={now} />
      <ClockBar label="Execution" clock={m.clocks.execution} warnings={m.clockWarnings} now={now} />
      <ul class="flags">
        {m.openGate && (
          <li class="gate">
            gate {m.openGate} open {m.gateOpenedAt ? `for ${duration(now - Date.parse(m.gateOpenedAt))}` : ''}
          </li>
        )}
        {m.failedEffects > 0 && <li class="bad">{m.failedEffects} failed effects</li>}
        {m.escalated > 0 && <li class="esc">{m.escalated} escalated</li>}
        <li>{m.findings} findings</li>
      </ul>
    </article>
  );
}
