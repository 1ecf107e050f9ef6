import { candidateFinding, scoreCandidate, type CandidateFacts } from '../../domain/eavd-scoring';

const now = '2026-11-22T00:00:00Z';
const base: CandidateFacts = {
  domain: 'examp1e-login.com', fuzzer: 'homoglyph', registered: true, a: ['203.0.113.66'], aaaa: [], mx: ['mail.examp1e-login.com'],
  ns: ['ns1.parking.example'], certificates: [{ notBefore: '2026-11-20T00:00:00Z', issuer: "Let's Encrypt R11" }],
  registeredAt: '2026-11-18T00:00:00Z', pageSimilarity: null,
};

test('a fresh, mail-ready, resolving lookalike is a suspicious security event, with each reason as evidence', () => {
  const s = scoreCandidate(base, now);
  expect(s.score).toBe(13);
  expect(s.verdict).toBe('suspicious-security-event');
  expect(s.reasons.map((r) => r.reason)).toEqual([
    'registered', 'resolves to 203.0.113.66', 'mail-ready: MX mail.examp1e-login.com',
    "certificate issued 2 days ago by Let's Encrypt R11", 'registered 4 days ago',
  ]);
  const f = candidateFinding(base, s)!;
  expect(f).toMatchObject({ category: 'suspicious-security-event', severity: 'high', sourceKey: 'lookalike:examp1e-login.com' });
  expect(f.observables).toEqual([{ type: 'domain', value: 'examp1e-login.com' }, { type: 'ipv4', value: '203.0.113.66' }]);
  expect(f.evidence.map((e) => e.kind)).toEqual(['dns', 'dns', 'dns', 'certificate', 'registration']);
});

test('an old parked registration is at most of interest; an unregistered permutation is nothing', () => {
  const parked = { ...base, mx: [], certificates: [{ notBefore: '2024-01-01T00:00:00Z', issuer: 'x' }], registeredAt: '2019-05-01T00:00:00Z' };
  expect(scoreCandidate(parked, now)).toMatchObject({ score: 4, verdict: 'ti-event-of-interest' });
  expect(candidateFinding(parked, scoreCandidate(parked, now))?.severity).toBe('low');
  const free = { ...base, registered: false, a: [], mx: [], certificates: [], registeredAt: null };
  expect(scoreCandidate(free, now).verdict).toBe('none');
  expect(candidateFinding(free, scoreCandidate(free, now))).toBeNull();
});

test('a cloned page weighs most', () => {
  const clone = { ...base, mx: [], certificates: [], registeredAt: null, pageSimilarity: 0.93 };
  expect(scoreCandidate(clone, now)).toMatchObject({ score: 8, verdict: 'suspicious-security-event' });
});
