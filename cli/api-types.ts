import type { components, paths } from './generated/capeo-api';

/** What an operation answers with `status`, as the generated client types of docs/openapi.json say. */
type Body<Op, Status extends number = 200> = Op extends { responses: { [S in Status]: { content: { 'application/json': infer T } } } } ? T : never;

/** The CLI's names for the API's answers: aliases of the generated types, never copies of them. */
export type MissionView = components['schemas']['MissionSummary'];
export type MissionEntry = Body<paths['/missions']['get']>['missions'][number];
export type Finding = components['schemas']['Finding'];
export type FoundFinding = Body<paths['/findings']['get']>['items'][number];
export type AuditItem = Body<paths['/missions/{id}/timeline']['get']>['items'][number];
export type EffectItem = Body<paths['/missions/{id}/effects']['get']>['items'][number];
export type Retried = Body<paths['/missions/{id}/effects/retry']['post']>['retried'][number];
export type Ack = Body<paths['/missions/{id}/gates/{gate}/decision']['post']>;
export type FindingAdded = Body<paths['/missions/{id}/findings']['post'], 201>;
export type ClockProgress = MissionView['progress']['totalHunt'];
export type QueryItem = Body<paths['/missions/{id}/queries']['get']>['items'][number];
export type Metrics = Body<paths['/missions/{id}/metrics']['get']>;
export type Identity = Body<paths['/identity']['get']>;
export type LookalikeCheck = Body<paths['/lookalikes/check']['post']>;
export type LookalikeMatch = components['schemas']['LookalikeMatch'];

/** The query parameters an operation takes. */
export type Query<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
export type MissionsQuery = Query<paths['/missions']['get']>;
export type FindingsQuery = Query<paths['/findings']['get']>;
