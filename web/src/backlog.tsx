import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { backlogProposalSchema } from '../../domain/hunt';
import { api, ok, type Identity } from './api';
import { SchemaForm } from './forms';
import { ErrorBox, Section } from './parts';
import { missionHref, navigate } from './router';

type Entry = Awaited<ReturnType<typeof list>>[number];
const list = async () => (await ok(api.GET('/backlog', { params: { query: { limit: 500 } } }))).items;

/** The form of a proposal: what the topic is, why now, and the prioritisation model's factors. */
const proposalForm = backlogProposalSchema.pick({ topic: true, trigger: true, motivation: true, huntType: true, keywords: true, feasibility: true });
const PROPOSERS = ['platform', 'manager', 'lead', 'hunter', 'dfir'];

/** A manager's start of one entry: the code name it will carry. */
function StartEntry({ entry, onStarted }: { entry: Entry; onStarted: () => void }) {
  const [codeName, setCodeName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const id = `start-${entry.id}`;
  return (
    <form
      class="inline"
      data-form={id}
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          const r = await ok(api.POST('/backlog/{id}/mission', { params: { path: { id: entry.id } }, body: { codeName } }));
          onStarted();
          navigate(missionHref(r.missionId));
        } catch (err) {
          setError(err);
        }
      }}
    >
      <label for={id}>Code name</label>
      <input id={id} value={codeName} onInput={(e) => setCodeName((e.target as HTMLInputElement).value)} required minLength={3} maxLength={60} />
      <button type="submit">Start mission</button>
      <ErrorBox error={error} />
    </form>
  );
}

/** The hunt backlog: topics anyone who hunts proposes, highest prioritisation score first; a manager starts or drops them. */
export function Backlog({ me }: { me: Identity }) {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    list().then(setEntries, setError);
  }, [round]);
  const open = entries?.filter((e) => e.status === 'proposed') ?? [];
  const closed = entries?.filter((e) => e.status !== 'proposed') ?? [];
  const manager = me.role === 'manager';
  return (
    <main>
      <h1>Hunt backlog</h1>
      <ErrorBox error={error} />
      <Section title={`Proposed (${open.length})`} id="backlog-open">
        {entries === null ? (
          <p role="status">Loading…</p>
        ) : open.length === 0 ? (
          <p>No topic waits. Propose one below.</p>
        ) : (
          <table class="backlog">
            <thead>
              <tr>
                <th scope="col">Score</th>
                <th scope="col">Topic</th>
                <th scope="col">Trigger</th>
                <th scope="col">Hunt type</th>
                <th scope="col">Proposed by</th>
                {manager && <th scope="col">Start</th>}
              </tr>
            </thead>
            <tbody>
              {open.map((e) => (
                <tr key={e.id} data-entry={e.id}>
                  <td>
                    {e.score.toFixed(1)} / {e.maxScore.toFixed(1)} <span class={`tag ${e.proposal}`}>{e.proposal}</span>
                  </td>
                  <td>
                    <strong>{e.topic}</strong>
                    <p class="muted">{e.motivation}</p>
                  </td>
                  <td>{e.trigger}</td>
                  <td>{e.huntType ?? 'as the type'}</td>
                  <td>
                    {e.proposedBy}, {new Date(e.proposedAt).toLocaleDateString()}
                  </td>
                  {manager && (
                    <td>
                      <StartEntry entry={e} onStarted={() => setRound((r) => r + 1)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Propose a hunt topic" id="backlog-propose">
        <SchemaForm
          name="propose"
          schema={proposalForm}
          submitLabel="Propose"
          disabledReason={PROPOSERS.includes(me.role) ? undefined : `role ${me.role} may not propose topics`}
          onSubmit={async (body) => {
            await ok(api.POST('/backlog', { body: body as z.input<typeof backlogProposalSchema> }));
            setRound((r) => r + 1);
          }}
        />
      </Section>
      {closed.length > 0 && (
        <Section title={`Started or dropped (${closed.length})`} id="backlog-closed">
          <ul>
            {closed.map((e) => (
              <li key={e.id}>
                {e.topic}: {e.missionId ? <a href={missionHref(e.missionId)}>{e.missionId}</a> : `dropped (${e.droppedReason ?? ''})`}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </main>
  );
}

