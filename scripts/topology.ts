import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../domain/temporal-names';

/**
 * capeo's production topology in one place: the versions, databases, search attributes and settings
 * that docker-compose.yml deploys and that `npm run test:topology` runs for real on this machine
 * (test/topology/). test/unit/compose.test.ts compares the compose file with this description, so
 * neither can change alone.
 */
export const TOPOLOGY = {
  temporal: {
    /** The Temporal server and its schema tool: the compose's images, the test's `go install`. */
    version: '1.29.1',
    serverImage: 'temporalio/server:1.29.1',
    /** Holds temporal-sql-tool (same version as the server) and the temporal CLI. */
    adminToolsImage: 'temporalio/admin-tools:1.29.1-tctl-1.18.4-cli-1.5.0',
    uiImage: 'temporalio/ui:2.34.0',
    /** The persistence plugin for PostgreSQL 12 and later. */
    sqlPlugin: 'postgres12',
    /** Fixed when the cluster is created: it cannot be changed later (docs/operations.md, sizing). */
    numHistoryShards: 16,
    databases: { default: 'temporal', visibility: 'temporal_visibility' },
    /** The schema tool's embedded versioned schemas of each database. */
    schemas: { default: 'postgresql/v12/temporal', visibility: 'postgresql/v12/visibility' },
    /** Dynamic config file (repository path); the compose mounts it into the server. */
    dynamicConfig: 'deploy/temporal/dynamicconfig.yaml',
    frontendPort: 7233,
    /** The server's Prometheus endpoint (container port). */
    metricsPort: 9090,
  },
  namespace: { name: 'default', retention: '720h' },
  /** `Name=Type` for `temporal operator search-attribute create`, from domain/temporal-names.ts. */
  searchAttributes: SEARCH_ATTRIBUTE_REGISTRATIONS,
  postgres: {
    /** Debian 12's server (the test) and the compose's image agree on the major version. */
    major: 15,
    image: 'postgres:15',
  },
  capeo: { database: 'capeo', taskQueue: 'capeo-missions', workers: 2, apiReplicas: 2 },
} as const;

/** What the jobs below read from a topology (TOPOLOGY, or a changed copy in a test). */
export interface JobSettings {
  temporal: { sqlPlugin: string; databases: { default: string; visibility: string }; schemas: { default: string; visibility: string } };
  namespace: { name: string; retention: string };
  searchAttributes: readonly string[];
}

export interface SqlEndpoint {
  host: string;
  port: number;
  user: string;
}

/**
 * The schema job: every temporal-sql-tool call that makes Temporal's two databases and brings their
 * schemas to the server's version, in order (password in SQL_PASSWORD). Idempotent but for
 * create-database, which fails on a database that exists (the caller tolerates that one).
 */
export function schemaSteps(sql: SqlEndpoint, topology: JobSettings = TOPOLOGY): { args: string[]; mayExist: boolean }[] {
  const t = topology.temporal;
  const common = ['--plugin', t.sqlPlugin, '--ep', sql.host, '-p', String(sql.port), '-u', sql.user];
  return (['default', 'visibility'] as const).flatMap((which) => {
    const db = ['--db', t.databases[which]];
    return [
      { args: [...common, ...db, 'create-database'], mayExist: true },
      { args: [...common, ...db, 'setup-schema', '-v', '0.0'], mayExist: false },
      { args: [...common, ...db, 'update-schema', '--schema-name', t.schemas[which]], mayExist: false },
    ];
  });
}

/** The namespace job's temporal CLI calls: the namespace, then capeo's search attributes in it. */
export function namespaceSteps(address: string, topology: JobSettings = TOPOLOGY): string[][] {
  const ns = topology.namespace;
  const attributes = topology.searchAttributes.flatMap((pair) => {
    const [name, type] = pair.split('=');
    return ['--name', name!, '--type', type!];
  });
  return [
    ['operator', 'namespace', 'create', '--address', address, '--namespace', ns.name, '--retention', ns.retention],
    ['operator', 'search-attribute', 'create', '--address', address, '--namespace', ns.name, ...attributes],
  ];
}
