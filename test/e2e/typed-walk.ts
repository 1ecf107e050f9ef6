import { Api, answer } from '../../cli/api-client';

/**
 * The README's mission walk again, as a SOC platform integrating with capeo would write it: with the
 * client generated from docs/openapi.json (openapi-typescript types, openapi-fetch calls), the one
 * the CLI uses. Every path, body and answer below is checked by the compiler against the document;
 * each write carries an Idempotency-Key. Keys are named with `suffix`, so this walk and the curl
 * walk can run against the same stack. Answers what the walk saw, for the test to assert.
 */
export async function typedWalk(url: string, adminKey: string, suffix: string) {
  const as = (key: string) => new Api({ url, key });
  const admin = as(adminKey);
  const key = async (name: string, role: 'platform' | 'manager' | 'lead' | 'hunter') =>
    as((await answer(admin.call.POST('/api-keys', { body: { name: `${name}${suffix}`, role } }))).key);
  const [soc, ann, lucas, hana, hugo] = await Promise.all([
    key('soc-platform', 'platform'),
    key('ann', 'manager'),
    key('lucas', 'lead'),
    key('hana', 'hunter'),
    key('hugo', 'hunter'),
  ]);

  const started = await answer(
    soc.call.POST('/missions', {
      body: {
        type: 'EAVD',
        codeName: 'Typed Barracuda',
        topic: 'Lookalike domains phishing our customers',
        trigger: 'intel',
        keywords: ['lookalike'],
        stakeholders: ['fraud-team'],
        audience: ['security-newsletter@example.org'],
      },
    }),
  );
  const id = started.missionId;
  const path = { id };
  const summary = () => answer(ann.call.GET('/missions/{id}', { params: { path } }));
  const until = async <T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let i = 0; i < 120; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`${id}: no ${what} within 60 s`);
  };
  const decide = (who: Api, gate: 'collect' | 'analyze' | 'plan' | 'execute' | 'outcomes') =>
    answer(who.call.POST('/missions/{id}/gates/{gate}/decision', { params: { path: { id, gate } }, body: { decision: 'approve' } }));

  // Collect: the gate opens once intel is pulled; the hunt manager approves.
  await until('open collect gate', summary, (m) => m.openGate === 'collect');
  await decide(ann, 'collect');

  // Analyze: lead, squad, research, owners, feasibility, team engagement.
  await answer(ann.call.PUT('/missions/{id}/lead', { params: { path }, body: { lead: `lucas${suffix}` } }));
  await answer(lucas.call.POST('/missions/{id}/squad/invitations', { params: { path }, body: { hunters: [`hana${suffix}`, `hugo${suffix}`] } }));
  for (const hunter of [hana, hugo]) await answer(hunter.call.POST('/missions/{id}/squad/response', { params: { path }, body: { accept: true } }));
  await answer(
    hana.call.POST('/missions/{id}/work-items/initial-research', {
      params: { path },
      body: { data: { references: [{ title: 'dnstwist', link: 'https://github.com/elceef/dnstwist', kind: 'code' }] } },
    }),
  );
  await answer(
    lucas.call.POST('/missions/{id}/work-items/feasibility', {
      params: { path },
      body: {
        data: {
          dataAvailability: 4,
          informationQuality: 3,
          skillsets: 4,
          resourceConstraints: 3,
          timelines: 4,
          crownJewelsImpacted: true,
          majorVulnerabilities: false,
          emergentThreat: true,
        },
      },
    }),
  );
  await answer(hugo.call.POST('/missions/{id}/work-items/owners', { params: { path }, body: { data: { owners: [{ name: 'Web team', contact: 'web@example.org', kind: 'technical' }] } } }));
  await answer(lucas.call.POST('/missions/{id}/work-items/team-engagement', { params: { path }, body: { data: { teams: [], statement: 'No other team needed' } } }));
  await decide(lucas, 'analyze');

  // Plan: allocation and objectives; the channel and the action plan are effects, awaited in the effect log.
  await answer(lucas.call.PUT('/missions/{id}/allocation', { params: { path }, body: { allocation: { totalHuntHours: 40, executionPhaseHours: 30 } } }));
  await answer(lucas.call.POST('/missions/{id}/work-items/objectives', { params: { path }, body: { data: { objectives: ['lookalike domains with MX records'] } } }));
  await until('action plan', summary, (m) => JSON.stringify(m).includes('"action-plan"'));
  await decide(lucas, 'plan');

  // Execute: data sources, a hunt query on the embedded SIEM, an escalated finding.
  await answer(
    hana.call.POST('/missions/{id}/work-items/data-sources', {
      params: { path },
      body: { data: { sources: [{ name: 'dns', location: 'samples/logs/dns.ndjson', model: 'DNS query log' }] } },
    }),
  );
  const query = await answer(
    hana.call.POST('/missions/{id}/queries', {
      params: { path },
      body: {
        title: 'Lookups of lookalikes',
        query: "select query, count(*) as n from dns where query like '%examp1e%' group by query",
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-21T00:00:00Z',
      },
    }),
  );
  const added = await answer(
    hana.call.POST('/missions/{id}/findings', {
      params: { path },
      body: {
        category: 'suspicious-security-event',
        severity: 'high',
        title: 'examp1e-login.com has MX and a fresh certificate',
        observables: [{ type: 'domain', value: 'examp1e-login.com' }],
      },
    }),
  );
  const findingId = added.finding.id;
  const escalated = await until(
    'escalation',
    () => answer(ann.call.GET('/missions/{id}/findings/{findingId}', { params: { path: { id, findingId } } })),
    (f) => f.status === 'escalated',
  );
  const failedEffects = await answer(ann.call.GET('/missions/{id}/effects', { params: { path, query: { state: 'failed' } } }));
  await decide(lucas, 'execute');

  // Outcomes: the report, then the last gate.
  await answer(lucas.call.POST('/missions/{id}/report/release', { params: { path }, body: {} }));
  const done = await decide(lucas, 'outcomes');
  const metrics = await answer(ann.call.GET('/missions/{id}/metrics', { params: { path } }));
  const timeline = await answer(ann.call.GET('/missions/{id}/timeline', { params: { path, query: { limit: 500 } } }));
  return { id, started, query, added, escalated, failedEffects, done, metrics, timeline };
}
