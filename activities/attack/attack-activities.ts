import { readFile } from 'node:fs/promises';
import { ApplicationFailure } from '@temporalio/activity';
import { AttackBundleError, catalogueFromStix } from '../../domain/attack';
import type { AttackStore } from '../../store/attack';
import { beat } from '../heartbeat';
import { baseUrl, ExternalError, httpCall } from '../http/http-client';
import { TAXII_MEDIA_TYPE } from '../tip/taxii';

/** Where the ATT&CK catalogue comes from (the configuration's CAPEO_ATTACK_* values). */
export interface AttackSource {
  CAPEO_ATTACK_BUNDLE?: string;
  CAPEO_ATTACK_TAXII_API_ROOT?: string;
  CAPEO_ATTACK_TAXII_COLLECTION?: string;
  CAPEO_ATTACK_TAXII_USER?: string;
  CAPEO_ATTACK_TAXII_PASSWORD?: string;
}

export const attackSourceConfigured = (s: AttackSource): boolean => Boolean(s.CAPEO_ATTACK_BUNDLE || (s.CAPEO_ATTACK_TAXII_API_ROOT && s.CAPEO_ATTACK_TAXII_COLLECTION));

/** A TAXII collection is read page by page; a server that keeps answering `more` cannot hold the activity for ever. */
const MAX_PAGES = 2000;
const PAGE_LIMIT = 1000;

const refused = (message: string) => ApplicationFailure.create({ type: 'ATTACK_SOURCE_INVALID', message, nonRetryable: true });

/** The objects of a TAXII 2.1 collection, every page (`more` / `next`). */
async function taxiiObjects(s: AttackSource, timeoutMs: number): Promise<unknown[]> {
  const url = `${baseUrl(s.CAPEO_ATTACK_TAXII_API_ROOT!)}/collections/${encodeURIComponent(s.CAPEO_ATTACK_TAXII_COLLECTION!)}/objects/`;
  const headers: Record<string, string> = { accept: TAXII_MEDIA_TYPE };
  if (s.CAPEO_ATTACK_TAXII_USER) headers.authorization = `Basic ${Buffer.from(`${s.CAPEO_ATTACK_TAXII_USER}:${s.CAPEO_ATTACK_TAXII_PASSWORD ?? ''}`).toString('base64')}`;
  const objects: unknown[] = [];
  let next: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = new URLSearchParams({ limit: String(PAGE_LIMIT), ...(next ? { next } : {}) });
    const res = await httpCall<{ more?: boolean; next?: string; objects?: unknown[] }>({ system: 'attack-taxii', url: `${url}?${params}`, headers, timeoutMs });
    const body = res.body ?? {};
    objects.push(...(body.objects ?? []));
    beat({ page, objects: objects.length });
    if (!body.more) return objects;
    if (!body.next) throw ApplicationFailure.create({ type: ExternalError.BadAnswer, message: 'attack-taxii: the server said more but gave no next', nonRetryable: true });
    next = body.next;
  }
  throw ApplicationFailure.create({ type: ExternalError.BadAnswer, message: `attack-taxii: more than ${MAX_PAGES} pages`, nonRetryable: true });
}

/**
 * Loads the ATT&CK catalogue from its configured source into the mission store (a release loaded
 * before is not loaded twice) and makes it current. A source that answers something that is not an
 * ATT&CK catalogue fails for good, naming the part; an unreachable one fails retryably.
 */
export const createAttackActivities = (d: { store: AttackStore; source: AttackSource; timeoutMs: number }) => ({
  async refreshAttackCatalogue(): Promise<{ version: string; created: boolean; techniques: number; source: string }> {
    const s = d.source;
    let input: unknown;
    let source: string;
    if (s.CAPEO_ATTACK_BUNDLE) {
      source = `file:${s.CAPEO_ATTACK_BUNDLE}`;
      let text: string;
      try {
        text = await readFile(s.CAPEO_ATTACK_BUNDLE, 'utf8');
      } catch (err) {
        throw refused(`CAPEO_ATTACK_BUNDLE: cannot read ${s.CAPEO_ATTACK_BUNDLE}: ${(err as Error).message}`);
      }
      try {
        input = JSON.parse(text);
      } catch (err) {
        throw refused(`CAPEO_ATTACK_BUNDLE: not JSON: ${(err as Error).message}`);
      }
    } else if (s.CAPEO_ATTACK_TAXII_API_ROOT && s.CAPEO_ATTACK_TAXII_COLLECTION) {
      source = `taxii:${baseUrl(s.CAPEO_ATTACK_TAXII_API_ROOT)}/collections/${s.CAPEO_ATTACK_TAXII_COLLECTION}/`;
      input = await taxiiObjects(s, d.timeoutMs);
    } else {
      throw refused('no ATT&CK source: set CAPEO_ATTACK_BUNDLE or CAPEO_ATTACK_TAXII_API_ROOT and CAPEO_ATTACK_TAXII_COLLECTION');
    }
    let catalogue;
    try {
      catalogue = catalogueFromStix(input);
    } catch (err) {
      if (err instanceof AttackBundleError) throw refused(`${source}: ${err.message}`);
      throw err;
    }
    const { created } = await d.store.save(catalogue, source);
    return { version: catalogue.version, created, techniques: Object.keys(catalogue.techniques).length, source };
  },
});
