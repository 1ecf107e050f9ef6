import { useState } from 'preact/hooks';
import { startMissionRequestSchema } from '../../domain/mission';
import { api, ok, type Identity } from './api';
import { SchemaForm } from './forms';
import { missionHref, navigate } from './router';

const startForm = startMissionRequestSchema.pick({ type: true, codeName: true, topic: true, trigger: true, keywords: true, stakeholders: true, audience: true, brand: true });

/** Start a mission (SOC platform and hunt manager roles): the start request's fields, checked by its schema. */
export function StartMission({ me }: { me: Identity }) {
  const [started, setStarted] = useState<string | null>(null);
  const reason = ['platform', 'manager'].includes(me.role) ? undefined : `role ${me.role} may not start missions`;
  return (
    <main>
      <h1>Start a mission</h1>
      {started && (
        <p class="ok" role="status">
          Started <a href={missionHref(started)}>{started}</a>.
        </p>
      )}
      <SchemaForm
        name="start"
        schema={startForm}
        submitLabel="Start mission"
        disabledReason={reason}
        onSubmit={async (body) => {
          const r = await ok(api.POST('/missions', { body }));
          setStarted(r.missionId);
          navigate(missionHref(r.missionId));
        }}
      />
    </main>
  );
}
