import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { namespaceSteps, schemaSteps, TOPOLOGY } from '../../scripts/topology';
import { envOf, loadCompose, text, type Compose, type Service } from '../support/compose-file';

/**
 * docker-compose.yml deploys the topology `npm run test:topology` runs for real, which reads
 * scripts/topology.ts: the same images and versions, databases, schema job, namespace, search
 * attributes and settings. A change to either alone fails here; the last block shows that it does.
 */
/** TOPOLOGY's shape with its literal values widened, so a test can change a copy. */
type Loose<T> = T extends readonly (infer U)[] ? Loose<U>[] : T extends object ? { -readonly [K in keyof T]: Loose<T[K]> } : T extends string ? string : T extends number ? number : T;
type Topology = Loose<typeof TOPOLOGY>;
const root = join(__dirname, '..', '..');

/** The shell lines of a one-shot job that start with `prefix`, backslash continuations joined, words split. */
function jobLines(service: Service | undefined, prefix: string): string[][] {
  const script = text(service?.command).replace(/\\\n\s*/g, ' ');
  return script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith(`${prefix} `))
    .map((l) => l.replace(/\s*\|\|\s*exit 1$/, '').split(/\s+/).slice(prefix.split(' ').length));
}

const tagOf = (image: string | undefined) => /:([^/:]+)$/.exec(image ?? '')?.[1];

function topologyProblems(doc: Compose, t: Topology): string[] {
  const problems: string[] = [];
  const s = doc.services;
  const want = (what: string, have: unknown, expected: unknown) => {
    if (JSON.stringify(have) !== JSON.stringify(expected)) problems.push(`${what}: compose has ${JSON.stringify(have)}, scripts/topology.ts ${JSON.stringify(expected)}`);
  };

  // Versions.
  want('postgresql image', s.postgresql?.image, t.postgres.image);
  want('PostgreSQL major version', Number(tagOf(t.postgres.image)?.split('.')[0]), t.postgres.major);
  want('temporal image', s.temporal?.image, t.temporal.serverImage);
  want('Temporal server version', tagOf(t.temporal.serverImage), t.temporal.version);
  want('temporal-schema image', s['temporal-schema']?.image, t.temporal.adminToolsImage);
  want('temporal-namespace image', s['temporal-namespace']?.image, t.temporal.adminToolsImage);
  if (!tagOf(t.temporal.adminToolsImage)?.startsWith(`${t.temporal.version}-`)) problems.push(`admin tools ${t.temporal.adminToolsImage} are not of server ${t.temporal.version}`);
  want('temporal-ui image', s['temporal-ui']?.image, t.temporal.uiImage);

  // The server's settings (the server image's config template reads them from its environment).
  const server = envOf(s.temporal ?? {});
  want('temporal DB (persistence plugin)', server.DB, t.temporal.sqlPlugin);
  want('temporal DBNAME', server.DBNAME, t.temporal.databases.default);
  want('temporal VISIBILITY_DBNAME', server.VISIBILITY_DBNAME, t.temporal.databases.visibility);
  want('temporal NUM_HISTORY_SHARDS', Number(server.NUM_HISTORY_SHARDS), t.temporal.numHistoryShards);
  want('temporal PROMETHEUS_ENDPOINT port', Number(server.PROMETHEUS_ENDPOINT?.split(':').pop()), t.temporal.metricsPort);
  const mounted = (s.temporal?.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':') : [v.source, v.target])).find(([, target]) => target === server.DYNAMIC_CONFIG_FILE_PATH);
  want('temporal dynamic config file (DYNAMIC_CONFIG_FILE_PATH mounted from)', mounted?.[0], `./${t.temporal.dynamicConfig}`);
  want('temporal frontend port', (s.temporal?.ports ?? []).map(String).some((p) => p.endsWith(`:${t.temporal.frontendPort}`)), true);

  // The schema job: the same temporal-sql-tool calls the test runs, against the compose's PostgreSQL.
  const sql = { host: server.POSTGRES_SEEDS ?? '', port: Number(server.DB_PORT), user: server.POSTGRES_USER ?? '' };
  want('temporal-schema steps', jobLines(s['temporal-schema'], 'sql'), schemaSteps(sql, t).map((step) => step.args));

  // The namespace job: the same temporal CLI calls (namespace, retention, every search attribute).
  const capeo = envOf(s['capeo-worker'] ?? {});
  want('temporal-namespace steps', jobLines(s['temporal-namespace'], 'retry temporal'), namespaceSteps(capeo.TEMPORAL_ADDRESS ?? '', t));

  // capeo: its database, namespace, task queue and replica counts.
  for (const name of ['capeo-worker', 'capeo-api']) {
    const env = envOf(s[name] ?? {});
    want(`${name} TEMPORAL_NAMESPACE`, env.TEMPORAL_NAMESPACE, t.namespace.name);
    want(`${name} CAPEO_TASK_QUEUE`, env.CAPEO_TASK_QUEUE, t.capeo.taskQueue);
    want(`${name} CAPEO_DATABASE_URL database`, env.CAPEO_DATABASE_URL?.split('/').pop(), t.capeo.database);
  }
  want('capeo-worker replicas', s['capeo-worker']?.deploy?.replicas, t.capeo.workers);
  want('capeo-api replicas', s['capeo-api']?.deploy?.replicas, t.capeo.apiReplicas);
  want('capeo-database creates', /create database (\w+)/.exec(text(s['capeo-database']?.command))?.[1], t.capeo.database);
  return problems;
}

describe('docker-compose.yml and the topology test run the same topology (scripts/topology.ts)', () => {
  it('same versions, databases, schema job, namespace, search attributes and settings', () => {
    expect(topologyProblems(loadCompose(), TOPOLOGY)).toEqual([]);
  });

  it('scripts/ensure-temporal-server.sh builds the version scripts/topology.ts pins', () => {
    // The same expression the script's sed uses.
    const source = readFileSync(join(root, 'scripts', 'topology.ts'), 'utf8');
    expect(/^ *version: '([0-9.]+)',/m.exec(source)?.[1]).toBe(TOPOLOGY.temporal.version);
    expect(readFileSync(join(root, 'scripts', 'ensure-temporal-server.sh'), 'utf8')).toContain(`sed -nE "s/^ *version: '([0-9.]+)',.*/\\1/p"`);
  });

  it('the dynamic config file the server of both reads exists', () => {
    expect(readFileSync(join(root, TOPOLOGY.temporal.dynamicConfig), 'utf8')).toMatch(/^frontend\.enableUpdateWorkflowExecution:/m);
  });
});

describe('the comparison fails when either side changes alone', () => {
  const topology = (): Topology => JSON.parse(JSON.stringify(TOPOLOGY)) as Topology;

  it('the topology moves to another server version, shard count or search attribute', () => {
    const t = topology();
    t.temporal.version = '1.30.0';
    t.temporal.serverImage = 'temporalio/server:1.30.0';
    t.temporal.numHistoryShards = 512;
    t.searchAttributes = [...TOPOLOGY.searchAttributes, 'CapeoExtra=Keyword'];
    const problems = topologyProblems(loadCompose(), t).join('\n');
    expect(problems).toMatch(/temporal image: compose has "temporalio\/server:1\.29\.1"/);
    expect(problems).toMatch(/admin tools .* are not of server 1\.30\.0/);
    expect(problems).toMatch(/NUM_HISTORY_SHARDS: compose has 16, scripts\/topology.ts 512/);
    expect(problems).toMatch(/temporal-namespace steps: .*CapeoExtra/);
  });

  it('compose changes a database name, the shard count, a schema step or a search attribute', () => {
    const doc = loadCompose();
    const env = doc.services.temporal!.environment as Record<string, string>;
    env.VISIBILITY_DBNAME = 'visibility';
    env.NUM_HISTORY_SHARDS = '4';
    const schema = doc.services['temporal-schema']!;
    schema.command = text(schema.command).replace('update-schema --schema-name postgresql/v12/visibility', 'update-schema --schema-name postgresql/v12/visibility -v 1.5');
    const ns = doc.services['temporal-namespace']!;
    ns.command = text(ns.command).replace('--name CapeoLead --type Keyword', '--name CapeoLead --type Text');
    const problems = topologyProblems(doc, TOPOLOGY).join('\n');
    expect(problems).toMatch(/VISIBILITY_DBNAME: compose has "visibility"/);
    expect(problems).toMatch(/NUM_HISTORY_SHARDS: compose has 4/);
    expect(problems).toMatch(/temporal-schema steps/);
    expect(problems).toMatch(/temporal-namespace steps/);
  });

  it('compose runs another PostgreSQL, one worker, or mounts another dynamic config', () => {
    const doc = loadCompose();
    doc.services.postgresql!.image = 'postgres:16';
    doc.services['capeo-worker']!.deploy = { replicas: 1 };
    doc.services.temporal!.volumes = ['./elsewhere.yaml:/etc/temporal/config/dynamicconfig/capeo.yaml:ro'];
    const problems = topologyProblems(doc, TOPOLOGY).join('\n');
    expect(problems).toMatch(/postgresql image: compose has "postgres:16"/);
    expect(problems).toMatch(/capeo-worker replicas: compose has 1/);
    expect(problems).toMatch(/dynamic config file .* compose has "\.\/elsewhere\.yaml"/);
  });
});
