import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { configSchema, loadConfig, requiredSettings } from '../../config';
import { SearchAttr } from '../../domain/temporal-names';
import { envOf, loadCompose, rawEnvValues, text, type Compose, type Service } from '../support/compose-file';

/**
 * The production topology (docker-compose.yml + Dockerfile) checked without Docker: services,
 * capeo settings against config/, search attributes against domain/, and the image against the
 * code its entrypoints reach. Each check returns the problems it finds; the last block feeds the
 * checks broken copies of the file to show that they do fail.
 */

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const CAPEO_SERVICES = ['capeo-worker', 'capeo-api'] as const;
const EXPECTED_SERVICES = ['postgresql', 'capeo-database', 'temporal-schema', 'temporal', 'temporal-namespace', 'temporal-ui', ...CAPEO_SERVICES];
const TEMPORAL = 'temporal';
/** The one-shot job that makes the namespace and registers the search attributes. */
const SEARCH_ATTRIBUTES = 'temporal-namespace';
const SCHEMA = 'temporal-schema';
const TEMPORAL_FRONTEND_PORT = 7233;
const KNOWN_SETTINGS = new Set(Object.keys(configSchema.shape));

/** `host:port` → parts; undefined when it is not that shape. */
function hostPort(address: string | undefined): { host: string; port: number } | undefined {
  const m = /^([A-Za-z0-9._-]+):(\d+)$/.exec(address ?? '');
  return m ? { host: m[1]!, port: Number(m[2]) } : undefined;
}

/** Container ports a service publishes (short syntax `[ip:][host[-range]:]container[-range][/proto]`, or long). */
function containerPorts(service: Service): number[] {
  const out: number[] = [];
  for (const p of service.ports ?? []) {
    if (typeof p === 'object') {
      out.push(Number(p.target));
      continue;
    }
    const container = String(p).split('/')[0]!.split(':').pop()!;
    const [from, to] = container.split('-').map(Number);
    for (let port = from!; port <= (to ?? from!); port++) out.push(port);
  }
  return out;
}

function dependsOn(service: Service): Record<string, string> {
  const d = service.depends_on ?? {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(d).map(([name, v]) => [name, v?.condition ?? 'service_started']));
}

// ---------------------------------------------------------------------------------------------
// The checks. Each returns a list of problems, empty when the topology is right.

function serviceProblems(doc: Compose): string[] {
  const have = Object.keys(doc.services ?? {});
  return EXPECTED_SERVICES.filter((s) => !have.includes(s)).map((s) => `service ${s} is missing`);
}

/** capeo-* environments: known settings only, required ones set, valid for loadConfig, Temporal reachable. */
function capeoEnvProblems(doc: Compose): string[] {
  const problems: string[] = [];
  const temporal = doc.services[TEMPORAL];
  for (const name of CAPEO_SERVICES) {
    const service = doc.services[name];
    if (!service) continue;
    for (const value of rawEnvValues(service)) {
      if (value !== null && typeof value !== 'string' && typeof value !== 'number') {
        problems.push(`${name}: environment value ${JSON.stringify(value)} must be a string (quote it)`);
      }
    }
    const env = envOf(service);
    for (const key of Object.keys(env)) {
      if (!KNOWN_SETTINGS.has(key)) problems.push(`${name}: ${key} is not a setting of config/index.ts`);
    }
    for (const key of [...requiredSettings(), 'TEMPORAL_ADDRESS']) {
      if (env[key] === undefined || env[key] === '') problems.push(`${name}: ${key} is not set`);
    }
    try {
      loadConfig(env);
    } catch (err) {
      problems.push(`${name}: loadConfig refuses its environment: ${(err as Error).message}`);
    }
    const address = hostPort(env.TEMPORAL_ADDRESS);
    if (!address) {
      problems.push(`${name}: TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS} is not host:port`);
    } else {
      if (address.host !== TEMPORAL) problems.push(`${name}: TEMPORAL_ADDRESS host ${address.host} is not the ${TEMPORAL} service`);
      if (address.port !== TEMPORAL_FRONTEND_PORT) {
        problems.push(`${name}: TEMPORAL_ADDRESS port ${address.port} is not Temporal's frontend port ${TEMPORAL_FRONTEND_PORT}`);
      }
      const listening = temporal ? [...containerPorts(temporal), ...(temporal.expose ?? []).map(Number)] : [];
      if (temporal && !listening.includes(address.port)) {
        problems.push(`${name}: the ${TEMPORAL} service neither publishes nor exposes container port ${address.port}`);
      }
    }
  }
  return problems;
}

/** Worker and API must talk to the same Temporal, namespace and task queue; the namespace must exist. */
function agreementProblems(doc: Compose): string[] {
  const problems: string[] = [];
  const [worker, api] = CAPEO_SERVICES.map((s) => envOf(doc.services[s] ?? {}));
  let w, a;
  try {
    w = loadConfig(worker);
    a = loadConfig(api);
  } catch {
    return ['capeo-worker or capeo-api has an invalid environment'];
  }
  for (const key of ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'CAPEO_TASK_QUEUE'] as const) {
    if (w[key] !== a[key]) problems.push(`capeo-worker ${key}=${w[key]} but capeo-api ${key}=${a[key]}`);
  }
  const job = doc.services[SEARCH_ATTRIBUTES];
  const created = /temporal operator namespace create[^\n]*?--namespace\s+(\S+)/.exec(`${text(job?.entrypoint)} ${text(job?.command)}`)?.[1];
  if (created !== w.TEMPORAL_NAMESPACE) {
    problems.push(`namespace ${w.TEMPORAL_NAMESPACE} is not the one ${SEARCH_ATTRIBUTES} creates (${created ?? 'none'})`);
  }
  return problems;
}

function workerProblems(doc: Compose): string[] {
  const problems: string[] = [];
  const worker = doc.services['capeo-worker'];
  if (!worker) return ['capeo-worker is missing'];
  if ((worker.deploy?.replicas ?? 1) < 2) problems.push('capeo-worker: deploy.replicas should be at least 2');
  const dataDir = envOf(worker).CAPEO_DATA_DIR;
  if (!dataDir?.startsWith('/')) {
    problems.push(`capeo-worker: CAPEO_DATA_DIR=${dataDir} should be an absolute path on a volume`);
  } else {
    const mount = (worker.volumes ?? [])
      .map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v))
      .find((v) => v.target === dataDir);
    if (!mount?.source || !Object.keys(doc.volumes ?? {}).includes(mount.source)) {
      problems.push(`capeo-worker: CAPEO_DATA_DIR=${dataDir} is not on a named volume shared by the replicas`);
    }
  }
  return problems;
}

function apiProblems(doc: Compose): string[] {
  const problems: string[] = [];
  const api = doc.services['capeo-api'];
  if (!api) return ['capeo-api is missing'];
  const env = envOf(api);
  let port: number;
  try {
    port = loadConfig(env).CAPEO_API_PORT;
  } catch {
    return ['capeo-api has an invalid environment'];
  }
  if (env.CAPEO_API_HOST !== '0.0.0.0' && env.CAPEO_API_HOST !== '::') {
    problems.push(`capeo-api: CAPEO_API_HOST=${env.CAPEO_API_HOST} is not reachable from outside the container`);
  }
  const published = containerPorts(api);
  if (published.length === 0 || published.some((p) => p !== port)) {
    problems.push(`capeo-api: publishes container port(s) ${published.join(', ') || 'none'}, CAPEO_API_PORT is ${port}`);
  }
  const check = text(api.healthcheck?.test);
  if (!check.includes(`:${port}/healthz`)) problems.push(`capeo-api: the healthcheck does not ask :${port}/healthz`);
  if (!read('api/routes/ops.ts').includes("'/healthz'")) problems.push('api/routes/ops.ts has no /healthz route');
  return problems;
}

/** CLI shorthand of an SDK SearchAttributeType: KEYWORD_LIST → KEYWORDLIST, compared case-insensitively. */
const cliType = (t: string): string => t.replace(/_/g, '').toUpperCase();

function searchAttributeProblems(doc: Compose): string[] {
  const job = doc.services[SEARCH_ATTRIBUTES];
  if (!job) return [`${SEARCH_ATTRIBUTES} is missing`];
  const problems: string[] = [];
  const script = `${text(job.entrypoint)} ${text(job.command)}`;
  if (!/temporal operator search-attribute create/.test(script)) {
    problems.push(`${SEARCH_ATTRIBUTES}: does not run temporal operator search-attribute create`);
  }
  const registered = [...script.matchAll(/--name\s+(\S+)\s+--type\s+(\S+)/g)].map((m) => `${m[1]}=${cliType(m[2]!)}`);
  const expected = Object.values(SearchAttr).map((k) => `${k.name}=${cliType(k.type)}`);
  if (registered.length !== new Set(registered).size) problems.push(`${SEARCH_ATTRIBUTES}: registers an attribute twice`);
  const missing = expected.filter((e) => !registered.includes(e));
  const extra = registered.filter((r) => !expected.includes(r));
  if (missing.length) problems.push(`${SEARCH_ATTRIBUTES}: does not register ${missing.join(', ')}`);
  if (extra.length) problems.push(`${SEARCH_ATTRIBUTES}: registers ${extra.join(', ')}, not in SearchAttr`);

  const capeoNamespace = envOf(doc.services['capeo-worker'] ?? {}).TEMPORAL_NAMESPACE ?? 'default';
  const namespace = /--namespace\s+(\S+)/.exec(script)?.[1] ?? envOf(job).TEMPORAL_NAMESPACE ?? 'default';
  if (namespace !== capeoNamespace) problems.push(`${SEARCH_ATTRIBUTES}: registers in namespace ${namespace}, capeo uses ${capeoNamespace}`);
  const address = hostPort(/--address\s+(\S+)/.exec(script)?.[1] ?? envOf(job).TEMPORAL_ADDRESS);
  if (address?.host !== TEMPORAL || address.port !== TEMPORAL_FRONTEND_PORT) {
    problems.push(`${SEARCH_ATTRIBUTES}: does not talk to ${TEMPORAL}:${TEMPORAL_FRONTEND_PORT}`);
  }
  if (job.restart && job.restart !== 'no') problems.push(`${SEARCH_ATTRIBUTES}: a one-shot job must not restart (${job.restart})`);
  return problems;
}

function dependencyProblems(doc: Compose): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(doc.services ?? {})) {
    for (const [target, condition] of Object.entries(dependsOn(service))) {
      const dep = doc.services[target];
      if (!dep) {
        problems.push(`${name}: depends on ${target}, which is not a service`);
        continue;
      }
      if (condition === 'service_healthy' && (dep.healthcheck?.disable || text(dep.healthcheck?.test).trim() === '')) {
        problems.push(`${name}: waits for ${target} to be healthy, but ${target} has no healthcheck`);
      }
      if (condition === 'service_completed_successfully' && dep.restart && dep.restart !== 'no') {
        problems.push(`${name}: waits for ${target} to complete, but ${target} restarts (${dep.restart})`);
      }
      if (!['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition)) {
        problems.push(`${name}: unknown depends_on condition ${condition}`);
      }
    }
  }
  // The namespace job retries until the server serves: once it is done, the server is up, its
  // namespace exists and the search attributes are registered.
  for (const name of [...CAPEO_SERVICES, 'temporal-ui']) {
    const deps = dependsOn(doc.services[name] ?? {});
    if (deps[SEARCH_ATTRIBUTES] !== 'service_completed_successfully') {
      problems.push(`${name}: does not wait for ${SEARCH_ATTRIBUTES} to complete successfully`);
    }
  }
  if (dependsOn(doc.services[TEMPORAL] ?? {})[SCHEMA] !== 'service_completed_successfully') {
    problems.push(`${TEMPORAL}: does not wait for ${SCHEMA} to complete successfully`);
  }
  if (!/\bretry temporal operator namespace create/.test(text(doc.services[SEARCH_ATTRIBUTES]?.command))) {
    problems.push(`${SEARCH_ATTRIBUTES}: does not retry while the server starts`);
  }
  return problems;
}

function imageProblems(doc: Compose): string[] {
  const problems: string[] = [];
  const images = Object.fromEntries(Object.entries(doc.services ?? {}).map(([n, s]) => [n, s.image ?? '']));
  // The server image with a schema job: auto-setup (schema and namespace at every start) is for development.
  if (!/^temporalio\/server:1\.29\.\d+$/.test(images[TEMPORAL] ?? '')) {
    problems.push(`${TEMPORAL}: image ${images[TEMPORAL]} is not temporalio/server:1.29.x`);
  }
  const serverVersion = images[TEMPORAL]?.split(':')[1];
  for (const job of [SCHEMA, SEARCH_ATTRIBUTES]) {
    if (!images[job]?.startsWith(`temporalio/admin-tools:${serverVersion}-`)) {
      problems.push(`${job}: admin-tools ${images[job]} does not match server ${serverVersion}`);
    }
  }
  for (const [name, service] of Object.entries(doc.services ?? {})) {
    if (service.build !== undefined) continue;
    const tag = /:([^/:]+)$/.exec(service.image ?? '')?.[1];
    if (!tag || tag === 'latest') problems.push(`${name}: image ${service.image} is not pinned to a version`);
  }
  return problems;
}

/** The top-level folders (and files) of the repository that `start` transitively imports at run time. */
function reachedPaths(start: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...start];
  const spec = /(?:from\s+|import\s*\(?\s*|require(?:\.resolve)?\(\s*)'(\.{1,2}\/[^']*)'/g;
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of read(file).matchAll(spec)) {
      const base = posix.join(posix.dirname(file), m[1]!);
      const found = [`${base}.ts`, `${base}/index.ts`, base].find((c) => existsSync(join(root, c)) && /\.(ts|json)$/.test(c));
      if (found) todo.push(found);
    }
  }
  return new Set([...seen].map((f) => f.split('/')[0]!));
}

interface Dockerfile {
  from: string[];
  workdir: string;
  copied: Set<string>;
  run: string;
  user: string;
}

function parseDockerfile(source: string): Dockerfile {
  const lines = source.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const args = (l: string) => l.split(/\s+/).slice(1).filter((a) => !a.startsWith('--'));
  const of = (instr: string) => lines.filter((l) => l.toUpperCase().startsWith(`${instr} `));
  return {
    from: of('FROM').map((l) => args(l)[0]!),
    workdir: of('WORKDIR').map((l) => args(l)[0]!).pop() ?? '/',
    copied: new Set(of('COPY').flatMap((l) => args(l).slice(0, -1).map((s) => s.replace(/^\.\//, '').replace(/\/$/, '')))),
    run: of('RUN').join('\n'),
    user: of('USER').map((l) => args(l)[0]!).pop() ?? 'root',
  };
}

function imageBuildProblems(doc: Compose, dockerfileSource: string): string[] {
  const problems: string[] = [];
  const df = parseDockerfile(dockerfileSource);
  if (df.from.length !== 1 || !/^node:20(\.\d+)*-slim$/.test(df.from[0]!)) problems.push(`Dockerfile: FROM ${df.from.join(', ')}, not node:20-slim`);
  if (!/npm ci\b[^\n]*--omit=dev/.test(df.run)) problems.push('Dockerfile: does not install with npm ci --omit=dev');
  if (['root', '0'].includes(df.user.split(':')[0]!)) problems.push('Dockerfile: runs as root');
  const pkg = JSON.parse(read('package.json')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  if (!pkg.dependencies?.tsx) problems.push('package.json: tsx is not a runtime dependency, npm ci --omit=dev drops it');

  for (const file of ['package.json', 'package-lock.json']) if (!df.copied.has(file)) problems.push(`Dockerfile: does not copy ${file}`);
  const entrypoints: Record<string, string> = { 'capeo-worker': 'worker/main.ts', 'capeo-api': 'api/main.ts' };
  for (const dir of reachedPaths(Object.values(entrypoints))) {
    if (!df.copied.has(dir)) problems.push(`Dockerfile: does not copy ${dir}/, which the entrypoints import`);
  }

  const builds = new Set<string>();
  for (const [name, entry] of Object.entries(entrypoints)) {
    const service = doc.services[name];
    if (!service) continue;
    const build = typeof service.build === 'string' ? service.build : service.build?.context;
    builds.add(JSON.stringify([build, service.image]));
    if (build === undefined || !existsSync(join(root, build, 'Dockerfile'))) problems.push(`${name}: not built from this repository's Dockerfile`);
    // The role is chosen by the service's own command, never left to the image's default CMD.
    const command = text(service.command);
    if (!new RegExp(`\\btsx\\s+${entry.replace('.', '\\.')}$`).test(command)) {
      problems.push(`${name}: command "${command}" does not run tsx ${entry}`);
    }
    // npx/npm do not pass SIGTERM on to tsx: the worker would be killed instead of draining.
    if (/^(npx|npm)\b/.test(command)) problems.push(`${name}: command "${command}" goes through npm, which swallows SIGTERM`);
  }

  // The worker reads CAPEO_INTEL_DIR: it must be in the image or mounted into the container.
  const worker = doc.services['capeo-worker'];
  let intelDir: string | undefined;
  try {
    intelDir = worker && loadConfig(envOf(worker)).CAPEO_INTEL_DIR;
  } catch {
    intelDir = undefined; // reported by capeoEnvProblems
  }
  if (worker && intelDir) {
    const inImage = posix.resolve(df.workdir, intelDir);
    const inRepo = posix.relative(df.workdir, inImage);
    const baked = !inRepo.startsWith('..') && df.copied.has(inRepo.split('/')[0]!) && existsSync(join(root, inRepo));
    const mounted = (worker.volumes ?? []).some((v) => (typeof v === 'string' ? v.split(':')[1] : v.target) === inImage);
    if (!baked && !mounted) problems.push(`capeo-worker: CAPEO_INTEL_DIR=${intelDir} is neither in the image nor mounted`);
  }
  if (builds.size > 1) problems.push('capeo-worker and capeo-api do not share one image');
  return problems;
}

/** The mission store: every capeo service on the same database of the compose's PostgreSQL, made by the one-shot job first. */
function storeProblems(doc: Compose): string[] {
  const problems: string[] = [];
  const urls = new Set<string>();
  for (const name of CAPEO_SERVICES) {
    const service = doc.services[name];
    if (!service) continue;
    const url = envOf(service)['CAPEO_DATABASE_URL'] ?? '';
    urls.add(url);
    const m = /^postgres(?:ql)?:\/\/([^:@/]+)(?::[^@]*)?@([^:/]+)(?::\d+)?\/(\w+)$/.exec(url);
    if (!m) problems.push(`${name}: CAPEO_DATABASE_URL is not a PostgreSQL URL (${url || 'unset'})`);
    else if (!doc.services[m[2]!]?.image?.startsWith('postgres:')) problems.push(`${name}: CAPEO_DATABASE_URL does not point at the compose's PostgreSQL`);
    else if (m[3] === 'temporal' || m[3] === 'temporal_visibility') problems.push(`${name}: the mission store shares Temporal's database`);
    if (dependsOn(service)['capeo-database'] !== 'service_completed_successfully') problems.push(`${name}: does not wait for capeo-database`);
  }
  if (urls.size > 1) problems.push('capeo-worker and capeo-api use different mission stores');
  const job = doc.services['capeo-database'];
  const script = JSON.stringify(job?.command ?? '');
  if (!/create database capeo/.test(script) || !/create role capeo/.test(script)) problems.push('capeo-database does not create the capeo role and database');
  return problems;
}

// ---------------------------------------------------------------------------------------------

describe('docker-compose.yml (production topology)', () => {
  const doc = loadCompose();
  const dockerfile = read('Dockerfile');

  it('has the expected services', () => {
    expect(serviceProblems(doc)).toEqual([]);
  });

  it('workers and API share one mission store: capeo\'s own database on the compose\'s PostgreSQL, made before they start', () => {
    expect(storeProblems(doc)).toEqual([]);
  });

  it('capeo services set only known, required and valid settings, and reach Temporal by service name', () => {
    expect(capeoEnvProblems(doc)).toEqual([]);
    for (const name of CAPEO_SERVICES) {
      const env = envOf(doc.services[name]!);
      for (const key of requiredSettings()) expect(env).toHaveProperty(key);
      expect(env.TEMPORAL_ADDRESS).toBe(`${TEMPORAL}:${TEMPORAL_FRONTEND_PORT}`);
    }
  });

  it('worker and API agree on Temporal address, namespace and task queue', () => {
    expect(agreementProblems(doc)).toEqual([]);
  });

  it('workers scale out and share the artifacts volume', () => {
    expect(workerProblems(doc)).toEqual([]);
  });

  it('the API publishes its CAPEO_API_PORT and is health-checked on /healthz', () => {
    expect(apiProblems(doc)).toEqual([]);
  });

  it('the one-shot job registers exactly the SearchAttr keys with their types', () => {
    expect(searchAttributeProblems(doc)).toEqual([]);
  });

  it('depends_on names existing services, service_healthy targets have a healthcheck, the jobs run in order', () => {
    expect(dependencyProblems(doc)).toEqual([]);
  });

  it('pins the Temporal server 1.29.x (not auto-setup), admin tools of its version, and every pulled image', () => {
    expect(imageProblems(doc)).toEqual([]);
  });

  it('the Dockerfile builds one non-root image holding everything the entrypoints import', () => {
    expect(imageBuildProblems(doc, dockerfile)).toEqual([]);
  });
});

describe('the compose checks catch mistakes', () => {
  const fresh = (): Compose => loadCompose();
  const env = (doc: Compose, service: string): Record<string, unknown> => doc.services[service]!.environment as Record<string, unknown>;

  it('a capeo service on another database, on Temporal\'s, or not waiting for its database', () => {
    const other = fresh();
    env(other, 'capeo-api').CAPEO_DATABASE_URL = 'postgres://capeo:x@postgresql:5432/elsewhere';
    expect(storeProblems(other)).toEqual(['capeo-worker and capeo-api use different mission stores']);
    const shared = fresh();
    for (const s of ['capeo-worker', 'capeo-api']) env(shared, s).CAPEO_DATABASE_URL = 'postgres://temporal:x@postgresql:5432/temporal';
    expect(storeProblems(shared)).toEqual(["capeo-worker: the mission store shares Temporal's database", "capeo-api: the mission store shares Temporal's database"]);
    const eager = fresh();
    delete (eager.services['capeo-worker']!.depends_on as Record<string, unknown>)['capeo-database'];
    expect(storeProblems(eager)).toEqual(['capeo-worker: does not wait for capeo-database']);
  });

  it('an unknown environment variable in a capeo service', () => {
    const doc = fresh();
    env(doc, 'capeo-worker').CAPEO_WORKERS = '4';
    expect(capeoEnvProblems(doc)).toEqual(['capeo-worker: CAPEO_WORKERS is not a setting of config/index.ts']);
  });

  it('a value loadConfig refuses', () => {
    const doc = fresh();
    env(doc, 'capeo-api').CAPEO_LOG_LEVEL = 'loud';
    expect(capeoEnvProblems(doc).join('\n')).toMatch(/capeo-api: loadConfig refuses [^]*CAPEO_LOG_LEVEL/);
  });

  it('a missing or wrong TEMPORAL_ADDRESS', () => {
    const doc = fresh();
    env(doc, 'capeo-worker').TEMPORAL_ADDRESS = 'temporal:7234';
    delete env(doc, 'capeo-api').TEMPORAL_ADDRESS;
    const problems = capeoEnvProblems(doc).join('\n');
    expect(problems).toMatch(/capeo-worker: TEMPORAL_ADDRESS port 7234/);
    expect(problems).toMatch(/capeo-api: TEMPORAL_ADDRESS is not set/);
  });

  it('worker and API on different task queues', () => {
    const doc = fresh();
    env(doc, 'capeo-api').CAPEO_TASK_QUEUE = 'other';
    expect(agreementProblems(doc)).toEqual(['capeo-worker CAPEO_TASK_QUEUE=capeo-missions but capeo-api CAPEO_TASK_QUEUE=other']);
  });

  it('an API port that is not the published one', () => {
    const doc = fresh();
    env(doc, 'capeo-api').CAPEO_API_PORT = '9090';
    expect(apiProblems(doc).join('\n')).toMatch(/publishes container port\(s\) 8080, CAPEO_API_PORT is 9090/);
  });

  it('a search attribute missing, retyped or unknown', () => {
    const doc = fresh();
    const job = doc.services[SEARCH_ATTRIBUTES]!;
    job.command = text(job.command)
      .replace(/--name CapeoLead --type Keyword/, '')
      .replace(/--name CapeoOverrun --type Bool/, '--name CapeoOverrun --type Keyword --name CapeoExtra --type Int');
    const problems = searchAttributeProblems(doc).join('\n');
    expect(problems).toMatch(/does not register CapeoLead=KEYWORD, CapeoOverrun=BOOL/);
    expect(problems).toMatch(/registers CapeoOverrun=KEYWORD, CapeoExtra=INT, not in SearchAttr/);
  });

  it('a dependency on a missing service, on health that is never reported, or a server started before its schema', () => {
    const doc = fresh();
    delete doc.services['postgresql']!.healthcheck;
    (doc.services['temporal-ui']!.depends_on as Record<string, { condition: string }>).nowhere = { condition: 'service_started' };
    delete (doc.services[TEMPORAL]!.depends_on as Record<string, unknown>)[SCHEMA];
    (doc.services['capeo-api']!.depends_on as Record<string, { condition: string }>)[SEARCH_ATTRIBUTES] = { condition: 'service_started' };
    const problems = dependencyProblems(doc).join('\n');
    expect(problems).toMatch(/temporal-ui: depends on nowhere, which is not a service/);
    expect(problems).toMatch(/temporal-schema: waits for postgresql to be healthy, but postgresql has no healthcheck/);
    expect(problems).toMatch(/temporal: does not wait for temporal-schema/);
    expect(problems).toMatch(/capeo-api: does not wait for temporal-namespace to complete successfully/);
  });

  it('an image that leaves out code the entrypoints import, runs as root, or a wrong role command', () => {
    const doc = fresh();
    const dockerfile = read('Dockerfile').replace(/^COPY domain .*$/m, '').replace(/^USER node$/m, '');
    doc.services['capeo-worker']!.command = ['npx', 'tsx', 'worker/main.ts'];
    doc.services['capeo-api']!.command = ['tsx', 'worker/main.ts'];
    const problems = imageBuildProblems(doc, dockerfile).join('\n');
    expect(problems).toMatch(/does not copy domain\//);
    expect(problems).toMatch(/runs as root/);
    expect(problems).toMatch(/capeo-worker: command "npx tsx worker\/main.ts" goes through npm/);
    expect(problems).toMatch(/capeo-api: command "tsx worker\/main.ts" does not run tsx api\/main.ts/);
  });

  it('a missing service, an unpinned Temporal, or auto-setup', () => {
    const doc = fresh();
    delete doc.services['temporal-ui'];
    doc.services[TEMPORAL]!.image = 'temporalio/server:latest';
    expect(serviceProblems(doc)).toEqual(['service temporal-ui is missing']);
    expect(imageProblems(doc).join('\n')).toMatch(/not temporalio\/server:1\.29\.x/);
    doc.services[TEMPORAL]!.image = 'temporalio/auto-setup:1.29.1';
    expect(imageProblems(doc).join('\n')).toMatch(/auto-setup:1\.29\.1 is not temporalio\/server:1\.29\.x/);
  });

  it('a namespace capeo does not use', () => {
    const doc = fresh();
    const job = doc.services[SEARCH_ATTRIBUTES]!;
    job.command = text(job.command).replace('namespace create --address temporal:7233 --namespace default', 'namespace create --address temporal:7233 --namespace other');
    expect(agreementProblems(doc)).toEqual([`namespace default is not the one ${SEARCH_ATTRIBUTES} creates (other)`]);
  });
});
