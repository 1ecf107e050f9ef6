import { ApplicationFailure } from '@temporalio/activity';
import type { ExternalRef, Finding } from '../../domain/findings';
import type { IntelSummary } from '../../domain/mission';
import type { CheckResult } from '../health-check';
import { baseUrl, ExternalError, httpCall } from '../http/http-client';
import { ClaimingAdapter } from '../local-records/claiming-adapter';
import { searchTerms, summariseIntel, type StixObject } from './intel-summary';
import { findingBundle } from './stix-export';
import type { IntelQuery, TipPort } from './tip-port';

/** The configuration values this adapter reads (named as in config/). */
export interface OpenCtiSettings {
  CAPEO_OPENCTI_URL: string;
  CAPEO_OPENCTI_TOKEN: string;
}

const SYSTEM = 'opencti';

export const INTEL_QUERY = `query CapeoIntel($search: String) {
  indicators(search: $search, first: 100) { edges { node { id standard_id name description pattern } } }
  stixCyberObservables(search: $search, first: 100) { edges { node { id standard_id entity_type observable_value } } }
}`;
export const INDICATOR_QUERY = `query CapeoIndicator($id: String!) { indicator(id: $id) { id standard_id } }`;
export const INDICATOR_ADD = `mutation CapeoIndicatorAdd($input: IndicatorAddInput!) { indicatorAdd(input: $input) { id standard_id } }`;
export const NOTE_QUERY = `query CapeoNote($id: String!) { note(id: $id) { id } }`;
export const NOTE_ADD = `mutation CapeoNoteAdd($input: NoteAddInput!) { noteAdd(input: $input) { id standard_id } }`;
export const WHO_AM_I = `query CapeoCheck { me { name } about { version } }`;

/** STIX pattern object → OpenCTI's main observable type. */
const OBSERVABLE_TYPE: Record<string, string> = {
  'domain-name': 'Domain-Name',
  'ipv4-addr': 'IPv4-Addr',
  'ipv6-addr': 'IPv6-Addr',
  url: 'Url',
  'email-addr': 'Email-Addr',
  file: 'StixFile',
};

interface GraphQlError {
  message: string;
  extensions?: { code?: string };
}

const AUTH_CODES = new Set(['AUTH_REQUIRED', 'FORBIDDEN_ACCESS', 'UNAUTHENTICATED']);
const INPUT_CODES = new Set(['VALIDATION_ERROR', 'FUNCTIONAL_ERROR', 'UNSUPPORTED_ERROR', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

type StixIndicator = { id: string; name: string; description: string; pattern: string; indicator_types: string[]; valid_from: string; labels: string[] };
type StixNote = { id: string; abstract: string; content: string };

/**
 * OpenCTI as capeo's TIP, over its GraphQL API (`POST {url}/graphql`, Bearer token).
 * - pull: indicators and observables found by a full-text search of the mission's terms;
 * - push: the finding's STIX (stix-export) as indicators — each with its deterministic STIX id,
 *   creating its observable — and a note on them carrying the finding. Each indicator is looked
 *   up by its STIX id before it is created, so a retried push creates nothing twice.
 */
export class OpenCtiTip extends ClaimingAdapter<OpenCtiSettings> implements TipPort {
  readonly name = SYSTEM;

  private base(): string {
    return baseUrl(this.settings.CAPEO_OPENCTI_URL);
  }

  /** One GraphQL call; errors in a 200 answer are classified like HTTP refusals. */
  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await httpCall<{ data?: T; errors?: GraphQlError[] }>({
      system: SYSTEM,
      url: `${this.base()}/graphql`,
      method: 'POST',
      timeoutMs: this.timeoutMs,
      headers: { authorization: `Bearer ${this.settings.CAPEO_OPENCTI_TOKEN}` },
      body: { query, variables },
    });
    const errors = body?.errors ?? [];
    if (errors.length) {
      const code = errors[0]!.extensions?.code ?? '';
      const message = `opencti: ${errors.map((e) => e.message).join('; ').slice(0, 300)}`;
      if (AUTH_CODES.has(code)) throw ApplicationFailure.create({ type: ExternalError.AuthRejected, message: `${message} (check CAPEO_OPENCTI_TOKEN)`, nonRetryable: true });
      if (INPUT_CODES.has(code)) throw ApplicationFailure.create({ type: ExternalError.RequestRejected, message, nonRetryable: true });
      throw ApplicationFailure.create({ type: ExternalError.Unavailable, message });
    }
    if (!body?.data) throw ApplicationFailure.create({ type: ExternalError.BadAnswer, message: 'opencti: an answer without data', nonRetryable: true });
    return body.data;
  }

  async check(): Promise<CheckResult> {
    try {
      const d = await this.graphql<{ me?: { name?: string }; about?: { version?: string } }>(WHO_AM_I);
      return { ok: true, detail: `OpenCTI ${d.about?.version ?? '(version unknown)'} as ${d.me?.name ?? 'unknown user'}` };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async pullIntel(query: IntelQuery): Promise<IntelSummary> {
    const terms = searchTerms(query);
    if (terms.length === 0) return summariseIntel(SYSTEM, [], query);
    type Edges<N> = { edges: Array<{ node: N }> };
    const d = await this.graphql<{
      indicators?: Edges<{ standard_id: string; name?: string; description?: string; pattern?: string }>;
      stixCyberObservables?: Edges<{ standard_id: string; entity_type: string; observable_value?: string }>;
    }>(INTEL_QUERY, { search: terms.join(' ') });
    const objects: StixObject[] = [
      ...(d.indicators?.edges ?? []).map(({ node }) => ({ id: node.standard_id, type: 'indicator', name: node.name, description: node.description, pattern: node.pattern })),
      ...(d.stixCyberObservables?.edges ?? []).map(({ node }) => ({ id: node.standard_id, type: node.standard_id.split('--')[0]!, value: node.observable_value })),
    ];
    return summariseIntel(SYSTEM, objects, query);
  }

  async pushFinding(missionId: string, finding: Finding): Promise<ExternalRef> {
    const bundle = findingBundle(missionId, finding) as { objects: Array<{ type: string }> };
    const indicators = bundle.objects.filter((o) => o.type === 'indicator') as unknown as StixIndicator[];
    const note = bundle.objects.find((o) => o.type === 'note') as unknown as StixNote;
    const { value } = await this.claims.once(`opencti:${missionId}:${finding.id}`, {
      find: () => Promise.resolve(undefined),
      create: async () => {
        const ids: string[] = [];
        for (const i of indicators) ids.push(await this.indicator(i));
        if (ids.length) {
          const found = await this.graphql<{ note?: { id: string } | null }>(NOTE_QUERY, { id: note.id });
          if (!found.note) {
            await this.graphql(NOTE_ADD, { input: { stix_id: note.id, abstract: note.abstract, content: note.content || note.abstract, objects: ids } });
          }
        }
        const first = indicators[0];
        return { system: SYSTEM, id: first?.id ?? note.id, ...(ids[0] && { url: `${this.base()}/dashboard/observations/indicators/${ids[0]}` }) };
      },
    });
    return value;
  }

  /** The indicator's OpenCTI id: found by its STIX id, or created with its main observable. */
  private async indicator(i: StixIndicator): Promise<string> {
    const found = await this.graphql<{ indicator?: { id: string } | null }>(INDICATOR_QUERY, { id: i.id });
    if (found.indicator) return found.indicator.id;
    const objectType = /^\[([a-z0-9-]+):/.exec(i.pattern)?.[1] ?? '';
    const created = await this.graphql<{ indicatorAdd: { id: string } }>(INDICATOR_ADD, {
      input: {
        stix_id: i.id,
        name: i.name,
        description: i.description,
        pattern: i.pattern,
        pattern_type: 'stix',
        x_opencti_main_observable_type: OBSERVABLE_TYPE[objectType] ?? 'Unknown',
        indicator_types: i.indicator_types,
        valid_from: i.valid_from,
        createObservables: true,
      },
    });
    return created.indicatorAdd.id;
  }
}
