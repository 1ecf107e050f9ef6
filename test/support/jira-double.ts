import { startContractServer, type Answer, type ContractServer, type RecordedRequest } from './contract-server';

export interface JiraDouble {
  server: ContractServer;
  /** The worker's settings for it (projects HUNT and IR). */
  env: Record<string, string>;
  /** Issues created so far. */
  issues(): number;
  /** The issue creations asked for so far (answered or held). */
  creates(): RecordedRequest[];
  /** Every later issue creation waits until the returned function is called. */
  hold(): () => void;
  /** Every call answers 401 while set. */
  refuse: boolean;
  close(): Promise<void>;
}

const unauthorized: Answer = { status: 401, body: { errorMessages: ['Client must be authenticated to access this resource.'] } };

/**
 * Jira Cloud's REST API as capeo's ticketing adapter uses it, on loopback: projects HUNT and IR,
 * search by label (the adapter's idempotency check) and issue creation, which a test can make
 * refuse every call (401) or hold open until it lets go.
 */
export async function startJiraDouble(): Promise<JiraDouble> {
  const made: Array<{ key: string; labels: string[] }> = [];
  let held: Promise<void> | undefined;
  const double: JiraDouble = {
    server: undefined as unknown as ContractServer,
    env: {},
    refuse: false,
    issues: () => made.length,
    creates: () => double.server.requests.filter((r) => r.method === 'POST' && r.url === '/rest/api/3/issue'),
    hold: () => {
      let release!: () => void;
      held = new Promise<void>((r) => (release = r));
      return () => {
        held = undefined;
        release();
      };
    },
    close: () => double.server.close(),
  };
  const guard = (answer: (r: RecordedRequest) => Answer | Promise<Answer>) => (r: RecordedRequest) => (double.refuse ? unauthorized : answer(r));
  double.server = await startContractServer({
    'GET /rest/api/3/project/HUNT': guard(() => ({ status: 200, body: { key: 'HUNT', issueTypes: [{ name: 'Epic' }, { name: 'Story' }, { name: 'Task' }] } })),
    'GET /rest/api/3/project/IR': guard(() => ({ status: 200, body: { key: 'IR', issueTypes: [{ name: 'Incident' }, { name: 'Task' }] } })),
    'POST /rest/api/3/search/jql': guard((r) => {
      const { jql } = JSON.parse(r.body) as { jql: string };
      const hit = made.find((m) => m.labels.some((l) => jql === `labels = "${l}"`));
      return { status: 200, body: { issues: hit ? [{ id: '1', key: hit.key, fields: { summary: 's' } }] : [] } };
    }),
    'POST /rest/api/3/issue': guard(async (r) => {
      await held;
      const { fields } = JSON.parse(r.body) as { fields: { project: { key: string }; labels: string[] } };
      const key = `${fields.project.key}-${made.length + 1}`;
      made.push({ key, labels: fields.labels });
      return { status: 201, body: { id: String(10_000 + made.length), key } };
    }),
  });
  double.env = {
    CAPEO_TICKETING: 'jira',
    CAPEO_JIRA_URL: double.server.baseUrl,
    CAPEO_JIRA_EMAIL: 'capeo-bot@acme.example',
    CAPEO_JIRA_API_TOKEN: 'jira-test-token',
    CAPEO_JIRA_PROJECT: 'HUNT',
    CAPEO_JIRA_INCIDENT_PROJECT: 'IR',
  };
  return double;
}
