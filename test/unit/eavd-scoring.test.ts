import { ALGORITHMS } from '../../activities/eavd/permutations';
import { candidateFinding, FUZZER_FAMILIES, INTEREST_GROUP_SIZE, interestGroupFinding, scoreCandidate, type CandidateFacts } from '../../domain/eavd-scoring';
import { newFindingSchema } from '../../domain/findings';

const now = '2026-11-22T00:00:00Z';
const base: CandidateFacts = {
  domain: 'examp1e-login.com', fuzzer: 'homoglyph', registered: true, a: ['203.0.113.66'], aaaa: [], mx: ['mail.examp1e-login.com'],
  ns: ['ns1.parking.example'], certificates: [{ notBefore: '2026-11-20T00:00:00Z', issuer: "Let's Encrypt R11" }],
  registeredAt: '2026-11-18T00:00:00Z', pageSimilarity: null,
};

test('a fresh, mail-ready, resolving lookalike is a suspicious security event, with each reason as evidence', () => {
  const s = scoreCandidate(base, now);
  expect(s.score).toBe(15);
  expect(s.verdict).toBe('suspicious-security-event');
  expect(s.reasons.map((r) => r.reason)).toEqual([
    'registered', 'resolves to 203.0.113.66', 'mail-ready: MX mail.examp1e-login.com',
    "certificate issued 2 days ago by Let's Encrypt R11", 'registered 4 days ago', 'homoglyph: visually confusable with the brand',
  ]);
  const f = candidateFinding(base, s)!;
  expect(f).toMatchObject({ category: 'suspicious-security-event', severity: 'high', sourceKey: 'lookalike:examp1e-login.com' });
  expect(f.observables).toEqual([{ type: 'domain', value: 'examp1e-login.com' }, { type: 'ipv4', value: '203.0.113.66' }]);
  expect(f.evidence.map((e) => e.kind)).toEqual(['dns', 'dns', 'dns', 'certificate', 'registration', 'note']);
  expect(f.evidence[5]).toEqual({ kind: 'note', summary: 'homoglyph: visually confusable with the brand (+2)' });
});

test('an old parked registration is at most of interest; an unregistered permutation is nothing', () => {
  const parked = { ...base, mx: [], certificates: [{ notBefore: '2024-01-01T00:00:00Z', issuer: 'x' }], registeredAt: '2019-05-01T00:00:00Z' };
  expect(scoreCandidate(parked, now)).toMatchObject({ score: 6, verdict: 'ti-event-of-interest' });
  expect(candidateFinding(parked, scoreCandidate(parked, now))?.severity).toBe('low');
  const free = { ...base, registered: false, a: [], mx: [], certificates: [], registeredAt: null };
  expect(scoreCandidate(free, now).verdict).toBe('none');
  expect(candidateFinding(free, scoreCandidate(free, now))).toBeNull();
});

test('a cloned page weighs most', () => {
  const clone = { ...base, mx: [], certificates: [], registeredAt: null, pageSimilarity: 0.93 };
  expect(scoreCandidate(clone, now)).toMatchObject({ score: 10, verdict: 'suspicious-security-event' });
});

test('the algorithm family weighs: a confusable or a brand-plus-lure name more than a typo, a bit flip nothing', () => {
  const plain = { ...base, mx: [], certificates: [], registeredAt: null };
  const points = (fuzzer: string) => scoreCandidate({ ...plain, fuzzer }, now).reasons.filter((r) => r.kind === 'note');
  expect(points('homoglyph')).toEqual([{ reason: 'homoglyph: visually confusable with the brand', points: 2, kind: 'note' }]);
  expect(points('combosquatting')).toEqual([{ reason: 'combosquatting: brand combined with a lure keyword', points: 2, kind: 'note' }]);
  expect(points('omission')).toEqual([{ reason: 'omission: a likely typing mistake', points: 1, kind: 'note' }]);
  expect(points('bitsquatting')).toEqual([]);
  expect(points('a-matcher-we-do-not-know')).toEqual([]);
  expect(scoreCandidate({ ...plain, fuzzer: 'homoglyph' }, now).score).toBeGreaterThan(scoreCandidate({ ...plain, fuzzer: 'bitsquatting' }, now).score);
});

test('new signals: a certificate the CT monitor saw, an NRD listing, joining a known cluster, each with the fact that earned it', () => {
  const quiet = { ...base, fuzzer: 'bitsquatting', mx: [], certificates: [], registeredAt: null };
  expect(scoreCandidate(quiet, now)).toMatchObject({ score: 4, verdict: 'ti-event-of-interest' });
  const seen = scoreCandidate({ ...quiet, ctMatch: { log: 'Argon2026', seenAt: '2026-11-21T06:00:00Z' } }, now);
  expect(seen.reasons).toContainEqual({ reason: 'certificate seen in CT log Argon2026 0 days ago', points: 3, kind: 'certificate' });
  const listed = scoreCandidate({ ...quiet, nrd: { feed: 'daily-nrd', listedOn: '2026-11-21T00:00:00Z' } }, now);
  expect(listed.reasons).toContainEqual({ reason: 'listed by newly registered domains feed daily-nrd on 2026-11-21', points: 2, kind: 'registration' });
  const joined = scoreCandidate({ ...quiet, cluster: { id: 'cl-0123456789abcdef', size: 5, via: ['name servers ns1.shady.test, ns2.shady.test'] } }, now);
  expect(joined.reasons).toContainEqual({ reason: 'joins known cluster cl-0123456789abcdef (5 domains) sharing name servers ns1.shady.test, ns2.shady.test', points: 4, kind: 'other' });
  // Joining a known operator's cluster is what makes a quiet, parked name suspicious.
  expect(joined).toMatchObject({ score: 8, verdict: 'suspicious-security-event' });
  expect(candidateFinding({ ...quiet, cluster: { id: 'cl-0123456789abcdef', size: 5, via: [] } }, joined)!.description).toContain('joins known cluster cl-0123456789abcdef');
});

test('lookalikes of interest are grouped: each domain an observable, each its own line, shared facts counted, within the finding limits', () => {
  const parked = (i: number): CandidateFacts => ({
    ...base, domain: `${'x'.repeat(40)}-examp1e-${i}.com`, fuzzer: 'combosquatting', mx: [`mx${i}.parking.example`], certificates: [],
    registeredAt: null, a: ['203.0.113.66', `198.51.100.${i}`], aaaa: ['2001:db8::1'],
  });
  const items = Array.from({ length: INTEREST_GROUP_SIZE }, (_, i) => parked(i)).map((facts) => ({ facts, scored: { ...scoreCandidate(facts, now), verdict: 'ti-event-of-interest' as const } }));
  const f = interestGroupFinding(items, 'example.com', { sweep: 3, group: 2 });
  expect(newFindingSchema.parse(f)).toEqual(f);
  expect(f).toMatchObject({ category: 'ti-event-of-interest', severity: 'low', sourceKey: 'lookalikes:sweep-3:group-2', title: '50 registered lookalikes of example.com of interest (sweep 3, group 2)' });
  expect(f.observables.filter((o) => o.type === 'domain').map((o) => o.value)).toEqual(items.map((i) => i.facts.domain));
  // Shared addresses once each: 203.0.113.66 and 2001:db8::1, plus one address per domain.
  expect(f.observables.filter((o) => o.type !== 'domain')).toHaveLength(52);
  expect(f.description.split('\n')).toHaveLength(50);
  expect(f.description.split('\n')[0]).toMatch(/^- x{40}-examp1e-0\.com \(combosquatting\), score 9: registered; resolves to 203\.0\.113\.66, 198\.51\.100\.0, 2001:db8::1; mail-ready/);
  expect(f.evidence).toEqual([
    { kind: 'dns', summary: '50 of 50: registered' },
    { kind: 'dns', summary: '50 of 50: resolves' },
    { kind: 'dns', summary: '50 of 50: mail-ready' },
    { kind: 'note', summary: '50 of 50: combosquatting' },
  ]);
  expect(() => interestGroupFinding([], 'example.com', { sweep: 1, group: 1 })).toThrow(/1 to 50/);
});

test('every algorithm of the permutation engine and of the matcher has a family that says what it weighs', () => {
  const named = [...ALGORITHMS, 'confusable-skeleton', 'damerau-levenshtein', 'brand-containment'];
  expect(named.filter((a) => FUZZER_FAMILIES[a] === undefined)).toEqual([]);
  // A confusable weighs more than a typo, a typo more than a bit flip.
  expect(FUZZER_FAMILIES['mixed-script']!.points).toBeGreaterThan(FUZZER_FAMILIES['change-order']!.points);
  expect(FUZZER_FAMILIES['change-order']!.points).toBeGreaterThan(FUZZER_FAMILIES.bitsquatting!.points);
});
