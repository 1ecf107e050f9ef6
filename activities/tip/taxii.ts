import { ApplicationFailure } from '@temporalio/activity';
import type { ExternalRef, Finding } from '../../domain/findings';
import type { IntelSummary } from '../../domain/mission';
import type { CheckResult } from '../health-check';
import { baseUrl, ExternalError, httpCall, type HttpRequest } from '../http/http-client';
import { summariseIntel, type StixObject } from './intel-summary';
import { findingBundle } from './stix-export';
import type { IntelQuery, TipPort } from './tip-port';

/** The configuration values this adapter reads (named as in config/, so the parsed config can be passed as it is). */
export interface TaxiiSettings {
  CAPEO_TAXII_API_ROOT: string;
  CAPEO_TAXII_COLLECTION: string;
  CAPEO_TAXII_USER?: string;
  CAPEO_TAXII_PASSWORD?: string;
}

export interface TaxiiOptions {
  /** Objects asked per page (`limit`); servers may answer fewer. */
  pageLimit?: number;
  /** Pull only objects the collection received after this timestamp (`added_after`). */
  addedAfter?: string;
  /** Status polls while the server still processes a push (TAXII lets it answer `pending`). */
  statusPolls?: number;
  statusPollDelayMs?: number;
}

const SYSTEM = 'taxii';
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
/** A pull never follows more pages than this: a server that keeps answering `more` cannot hold the activity forever. */
const MAX_PAGES = 500;

/** The Envelope resource (TAXII 2.1 §3.7). */
interface Envelope {
  more?: boolean;
  next?: string;
  objects?: StixObject[];
}

/** The Status resource (TAXII 2.1 §4.3.1). */
interface StatusDetail {
  id: string;
  version?: string;
  message?: string;
}
interface TaxiiStatus {
  id: string;
  status: 'pending' | 'complete' | string;
  total_count?: number;
  success_count?: number;
  failure_count?: number;
  pending_count?: number;
  failures?: StatusDetail[];
}

interface ApiRootInfo {
  title?: string;
  versions?: string[];
  max_content_length?: number;
}
interface CollectionInfo {
  id: string;
  title?: string;
  can_read?: boolean;
  can_write?: boolean;
}

interface BundleObject {
  id: string;
  type: string;
  modified?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A TAXII 2.1 server's collection as the TIP: intel is pulled from the collection's objects
 * (all pages), findings are pushed to it as STIX bundles with deterministic ids.
 */
export class TaxiiTip implements TipPort {
  readonly name = SYSTEM;
  private readonly options: Required<Omit<TaxiiOptions, 'addedAfter'>> & Pick<TaxiiOptions, 'addedAfter'>;

  constructor(
    private readonly settings: TaxiiSettings,
    private readonly timeoutMs: number,
    options: TaxiiOptions = {},
  ) {
    this.options = { pageLimit: 100, statusPolls: 5, statusPollDelayMs: 1000, ...options };
  }

  /** The API root with exactly one trailing slash (TAXII URLs end in `/`). */
  private get root(): string {
    return `${baseUrl(this.settings.CAPEO_TAXII_API_ROOT)}/`;
  }

  private get collectionUrl(): string {
    return `${this.root}collections/${encodeURIComponent(this.settings.CAPEO_TAXII_COLLECTION)}/`;
  }

  private objectUrl(id: string): string {
    return `${this.collectionUrl}objects/${encodeURIComponent(id)}/`;
  }

  /** What is wrong with the settings, or undefined. Never mentions the password's value. */
  private settingsProblem(): string | undefined {
    const s = this.settings;
    if (!s.CAPEO_TAXII_API_ROOT) return 'CAPEO_TAXII_API_ROOT is not set';
    let url: URL;
    try {
      url = new URL(s.CAPEO_TAXII_API_ROOT);
    } catch {
      return 'CAPEO_TAXII_API_ROOT is not a URL (expected https://host/api-root/)';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'CAPEO_TAXII_API_ROOT must be an http(s) URL';
    if (url.username || url.password) return 'CAPEO_TAXII_API_ROOT must not carry credentials: use CAPEO_TAXII_USER and CAPEO_TAXII_PASSWORD';
    if (!s.CAPEO_TAXII_COLLECTION) return 'CAPEO_TAXII_COLLECTION is not set';
    if (s.CAPEO_TAXII_USER && !s.CAPEO_TAXII_PASSWORD) return 'CAPEO_TAXII_USER is set but CAPEO_TAXII_PASSWORD is not';
    if (!s.CAPEO_TAXII_USER && s.CAPEO_TAXII_PASSWORD) return 'CAPEO_TAXII_PASSWORD is set but CAPEO_TAXII_USER is not';
    return undefined;
  }

  private assertConfigured(): void {
    const problem = this.settingsProblem();
    if (problem) throw ApplicationFailure.create({ type: ExternalError.NotConfigured, message: `${SYSTEM}: ${problem}`, nonRetryable: true });
  }

  private call<T>(req: Omit<HttpRequest, 'system' | 'timeoutMs'>) {
    const headers: Record<string, string> = { accept: TAXII_MEDIA_TYPE, ...req.headers };
    const { CAPEO_TAXII_USER: user, CAPEO_TAXII_PASSWORD: password } = this.settings;
    if (user) headers.authorization = `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}`;
    return httpCall<T>({ ...req, system: SYSTEM, timeoutMs: this.timeoutMs, headers });
  }

  async check(): Promise<CheckResult> {
    const problem = this.settingsProblem();
    if (problem) return { ok: false, detail: `${SYSTEM}: ${problem}` };
    const who = this.settings.CAPEO_TAXII_USER ? `user ${this.settings.CAPEO_TAXII_USER}` : 'no credentials';
    const collection = this.settings.CAPEO_TAXII_COLLECTION;
    try {
      const root = (await this.call<ApiRootInfo>({ url: this.root, nullOn: [404] })).body;
      if (!root) return { ok: false, detail: `${SYSTEM}: no API root at CAPEO_TAXII_API_ROOT (answered 404): check the URL` };
      if (Array.isArray(root.versions) && !root.versions.some((v) => v.replace(/\s/g, '') === TAXII_MEDIA_TYPE)) {
        return { ok: false, detail: `${SYSTEM}: API root "${root.title ?? '?'}" does not offer TAXII 2.1 (versions: ${root.versions.join(', ')})` };
      }
      const coll = (await this.call<CollectionInfo>({ url: this.collectionUrl, nullOn: [404] })).body;
      if (!coll) return { ok: false, detail: `${SYSTEM}: collection ${collection} not found in API root "${root.title ?? '?'}" for ${who}: check CAPEO_TAXII_COLLECTION` };
      const rights = `can_read=${coll.can_read === true}, can_write=${coll.can_write === true}`;
      const where = `API root "${root.title ?? '?'}", collection "${coll.title ?? collection}" (${collection}), ${who}`;
      if (coll.can_read !== true) return { ok: false, detail: `${SYSTEM}: ${where} cannot be read (${rights}): capeo pulls intel from it` };
      if (coll.can_write !== true) return { ok: false, detail: `${SYSTEM}: ${where} cannot be written (${rights}): capeo pushes findings to it` };
      return { ok: true, detail: `${SYSTEM}: ${where}: ${rights}` };
    } catch (err) {
      const failure = err as ApplicationFailure;
      if (failure.type === ExternalError.AuthRejected) {
        return { ok: false, detail: `${SYSTEM}: authentication failed for ${who} (${failure.message}): check CAPEO_TAXII_USER and CAPEO_TAXII_PASSWORD` };
      }
      return { ok: false, detail: failure.message ?? String(err) };
    }
  }

  async pullIntel(query: IntelQuery): Promise<IntelSummary> {
    this.assertConfigured();
    const byId = new Map<string, StixObject>();
    let next: string | undefined;
    let addedAfter = this.options.addedAfter;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params = new URLSearchParams({ limit: String(this.options.pageLimit) });
      if (addedAfter) params.set('added_after', addedAfter);
      if (next) params.set('next', next);
      const res = await this.call<Envelope>({ url: `${this.collectionUrl}objects/?${params}` });
      const envelope = res.body ?? {};
      if (envelope.objects !== undefined && !Array.isArray(envelope.objects)) {
        throw ApplicationFailure.create({ type: ExternalError.BadAnswer, message: `${SYSTEM}: the objects page is not a TAXII envelope`, nonRetryable: true });
      }
      // Several versions of one object may come back: the later one wins.
      for (const o of envelope.objects ?? []) if (o && typeof o.id === 'string' && typeof o.type === 'string') byId.set(o.id, o);
      if (!envelope.more) break;
      if (envelope.next) {
        next = envelope.next;
      } else {
        // Without `next`, TAXII 2.1 pages by date: ask again for what was added after this page's last object.
        const last = res.headers.get('x-taxii-date-added-last');
        if (!last || last === addedAfter) break;
        addedAfter = last;
      }
    }
    return summariseIntel(this.name, [...byId.values()], query);
  }

  /**
   * Posts the finding's bundle. Its ids and versions are deterministic, so a retried push carries the
   * same (id, modified) pairs: the server stores nothing new, and a failure it reports for an object
   * it already holds at that version counts as done.
   */
  async pushFinding(missionId: string, finding: Finding): Promise<ExternalRef> {
    this.assertConfigured();
    const bundle = findingBundle(missionId, finding);
    const objects = bundle.objects as BundleObject[];
    let status = (
      await this.call<TaxiiStatus>({
        url: `${this.collectionUrl}objects/`,
        method: 'POST',
        headers: { 'content-type': TAXII_MEDIA_TYPE },
        body: JSON.stringify({ objects }),
      })
    ).body;
    if (!status || typeof status.status !== 'string') {
      throw ApplicationFailure.create({ type: ExternalError.BadAnswer, message: `${SYSTEM}: the push was not answered with a status resource`, nonRetryable: true });
    }
    for (let poll = 0; status.status === 'pending' && poll < this.options.statusPolls; poll++) {
      await sleep(this.options.statusPollDelayMs);
      status = (await this.call<TaxiiStatus>({ url: `${this.root}status/${encodeURIComponent(status.id)}/` })).body ?? status;
    }
    if (status.status === 'pending') {
      // Retrying posts the same versions again, which the server recognises.
      throw ApplicationFailure.create({ type: ExternalError.Unavailable, message: `${SYSTEM}: the push is still pending (status ${status.id})` });
    }
    const failures = status.failures ?? [];
    const refused: StatusDetail[] = [];
    for (const f of failures) {
      const mine = objects.find((o) => o.id === f.id);
      if (!mine || !(await this.holds(mine))) refused.push(f);
    }
    // A failure count without the failed objects named cannot be checked against the collection.
    if (failures.length === 0 && (status.failure_count ?? 0) > 0) {
      refused.push({ id: 'unnamed objects', message: `${status.failure_count} failed without details` });
    }
    const accounted = (status.success_count ?? 0) + (status.failure_count ?? failures.length);
    if (refused.length) {
      const reasons = refused.map((f) => `${f.id}: ${f.message ?? 'no reason given'}`).join('; ');
      throw ApplicationFailure.create({
        type: ExternalError.RequestRejected,
        message: `${SYSTEM} refused ${refused.length} of ${objects.length} objects of finding ${finding.id} (${reasons})`,
        nonRetryable: true,
      });
    }
    if (status.total_count !== undefined && accounted < status.total_count) {
      throw ApplicationFailure.create({ type: ExternalError.BadAnswer, message: `${SYSTEM}: the push status accounts for ${accounted} of ${status.total_count} objects`, nonRetryable: true });
    }
    const main = objects.find((o) => o.type === 'indicator') ?? objects[0]!;
    return { system: SYSTEM, id: main.id, url: this.objectUrl(main.id) };
  }

  /** Whether the collection already holds this object at this version (an earlier push of the same finding). */
  private async holds(o: BundleObject): Promise<boolean> {
    const params = new URLSearchParams({ 'match[version]': 'all' });
    const res = await this.call<Envelope>({ url: `${this.objectUrl(o.id)}?${params}`, nullOn: [404] });
    return (res.body?.objects ?? []).some((stored) => stored.id === o.id && (stored as BundleObject).modified === o.modified);
  }
}
