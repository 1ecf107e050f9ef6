import type { ExternalRef, Finding, Observable } from '../../domain/findings';
import type { IntelSummary } from '../../domain/mission';
import type { CheckResult } from '../health-check';
import { baseUrl, ExternalError, httpCall, type HttpRequest } from '../http/http-client';
import { ClaimingAdapter } from '../local-records/claiming-adapter';
import { searchTerms, summariseIntel, type StixObject } from './intel-summary';
import { stableUuid } from './stix-export';
import type { IntelQuery, TipPort } from './tip-port';
import { ApplicationFailure } from '@temporalio/activity';

/** The configuration values this adapter reads (named as in config/). */
export interface MispSettings {
  CAPEO_MISP_URL: string;
  CAPEO_MISP_API_KEY: string;
}

const SYSTEM = 'misp';
/** Attributes one pull reads at most. */
const PULL_LIMIT = 500;

interface MispAttribute {
  id: string;
  uuid?: string;
  event_id?: string;
  type: string;
  category?: string;
  value: string;
  to_ids?: boolean;
  comment?: string;
  Event?: { info?: string };
  Tag?: Array<{ name: string }>;
}

interface MispEvent {
  id: string;
  uuid: string;
  info?: string;
}

/** capeo observable → MISP attribute type and category. */
const ATTRIBUTE: Record<Observable['type'], (o: Observable) => { type: string; category: string }> = {
  domain: () => ({ type: 'domain', category: 'Network activity' }),
  ipv4: () => ({ type: 'ip-dst', category: 'Network activity' }),
  ipv6: () => ({ type: 'ip-dst', category: 'Network activity' }),
  url: () => ({ type: 'url', category: 'Network activity' }),
  email: () => ({ type: 'email-src', category: 'Payload delivery' }),
  hash: (o) => ({ type: ({ 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' } as Record<number, string>)[o.value.length] ?? 'sha256', category: 'Payload delivery' }),
};

/** MISP threat levels: 1 high, 2 medium, 3 low, 4 undefined. */
const THREAT_LEVEL: Record<Finding['severity'], string> = { critical: '1', high: '1', medium: '2', low: '3', info: '4' };

/** A MISP attribute, seen as the STIX object intel matching reads. */
function asStix(a: MispAttribute): StixObject {
  return {
    id: `misp-attribute--${a.uuid ?? a.id}`,
    type: a.to_ids ? 'indicator' : 'observed-data',
    name: a.value,
    value: a.value,
    description: [a.Event?.info, a.comment].filter(Boolean).join(' — '),
    labels: (a.Tag ?? []).map((t) => t.name),
  };
}

/**
 * MISP as capeo's TIP (REST API, automation key).
 * - pull: `POST /attributes/restSearch` for values containing the mission's terms; attributes flagged
 *   for IDS count as indicators, the others as observables, their events as reports;
 * - push: one event per finding, with a UUID derived from mission and finding, its observables as
 *   attributes, tags (mission, TLP, category, severity) and a sighting. Before creating, the event is
 *   looked up by that UUID, so a retried push — even after a crash — never creates a second event.
 */
export class MispTip extends ClaimingAdapter<MispSettings> implements TipPort {
  readonly name = SYSTEM;

  private call<T>(req: Omit<HttpRequest, 'system' | 'url'> & { path: string }) {
    const { path, ...rest } = req;
    return httpCall<T>({
      system: SYSTEM,
      url: `${baseUrl(this.settings.CAPEO_MISP_URL)}${path}`,
      timeoutMs: this.timeoutMs,
      ...rest,
      headers: { authorization: this.settings.CAPEO_MISP_API_KEY, accept: 'application/json', 'content-type': 'application/json', ...rest.headers },
    });
  }

  async check(): Promise<CheckResult> {
    try {
      const version = (await this.call<{ version?: string }>({ path: '/servers/getVersion' })).body;
      const me = (await this.call<{ User?: { email?: string }; Organisation?: { name?: string } }>({ path: '/users/view/me' })).body;
      return { ok: true, detail: `MISP ${version?.version ?? '(version unknown)'} as ${me?.User?.email ?? 'unknown user'} (${me?.Organisation?.name ?? 'unknown organisation'})` };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async pullIntel(query: IntelQuery): Promise<IntelSummary> {
    const terms = searchTerms(query);
    if (terms.length === 0) return summariseIntel(SYSTEM, [], query);
    const { body } = await this.call<{ response?: { Attribute?: MispAttribute[] } }>({
      path: '/attributes/restSearch',
      method: 'POST',
      body: { returnFormat: 'json', value: terms.map((t) => `%${t}%`), limit: PULL_LIMIT, page: 1, includeEventTags: true, deleted: false },
    });
    const attributes = body?.response?.Attribute ?? [];
    return summariseIntel(SYSTEM, attributes.map(asStix), query);
  }

  async pushFinding(missionId: string, finding: Finding): Promise<ExternalRef> {
    const uuid = stableUuid(`${missionId}/${finding.id}/misp-event`);
    const { value } = await this.claims.once(`misp:${missionId}:${finding.id}`, {
      find: () => this.eventByUuid(uuid).then((e) => (e ? this.ref(e) : undefined)),
      create: async () => this.ref((await this.eventByUuid(uuid)) ?? (await this.createEvent(uuid, missionId, finding))),
    });
    // A write of its own: an attempt that died after creating the event still adds the sighting on retry.
    await this.claims.once(`misp-sighting:${missionId}:${finding.id}`, {
      find: () => Promise.resolve(undefined),
      create: async () => {
        await this.sight(finding);
        return true;
      },
    });
    return value;
  }

  private ref(e: MispEvent): ExternalRef {
    return { system: SYSTEM, id: e.uuid, url: `${baseUrl(this.settings.CAPEO_MISP_URL)}/events/view/${e.id}` };
  }

  private async eventByUuid(uuid: string): Promise<MispEvent | undefined> {
    const { body } = await this.call<{ Event?: MispEvent }>({ path: `/events/view/${uuid}`, nullOn: [404] });
    return body?.Event;
  }

  private async createEvent(uuid: string, missionId: string, f: Finding): Promise<MispEvent> {
    const { body } = await this.call<{ Event?: MispEvent }>({
      path: '/events/add',
      method: 'POST',
      body: {
        Event: {
          uuid,
          info: `${f.title} (${missionId} ${f.id})`,
          date: f.at.slice(0, 10),
          threat_level_id: THREAT_LEVEL[f.severity],
          analysis: '1',
          distribution: '0',
          published: false,
          Attribute: f.observables.map((o) => ({
            ...ATTRIBUTE[o.type](o),
            value: o.value,
            to_ids: f.category === 'suspicious-security-event',
            uuid: stableUuid(`${missionId}/${f.id}/misp/${o.type}/${o.value}`),
            comment: f.description.slice(0, 1000),
          })),
          Tag: [{ name: `capeo:mission="${missionId}"` }, { name: 'tlp:amber' }, { name: `capeo:category="${f.category}"` }, { name: `capeo:severity="${f.severity}"` }],
        },
      },
    });
    if (!body?.Event?.id) throw ApplicationFailure.create({ type: ExternalError.BadAnswer, message: 'misp: /events/add answered no event', nonRetryable: true });
    return body.Event;
  }

  /** One sighting per observable value: capeo saw it during the hunt. */
  private async sight(f: Finding): Promise<void> {
    if (f.observables.length === 0) return;
    await this.call({ path: '/sightings/add', method: 'POST', body: { values: f.observables.map((o) => o.value), source: 'capeo', type: '0' } });
  }
}
