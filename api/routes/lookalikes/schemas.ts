import { z } from 'zod';
import { problemSchema } from '../../openapi';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 503: problemSchema };
const domainName = z.string().trim().toLowerCase().regex(/^(?=.{4,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, 'a domain name such as example.com');

const brand = z.object({
  id: z.string().trim().min(1).max(100).optional().describe('a name for the brand in the answer; its first domain when absent'),
  domains: z.array(domainName).min(1).max(20).describe("the brand's own domains"),
  keywords: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9-]{2,30}$/, 'a lure keyword such as login')).max(50).default([]).describe('lure keywords for combosquatting'),
});

const reason = z.object({
  signal: z.string().describe('candidate, confusable-skeleton, edit-distance, brand-containment, or a risk signal: suspicious-tld, suspicious-word, brand-keyword, hyphens, subdomain-levels, entropy, idn, free-hosting'),
  points: z.number().int(),
  reason: z.string(),
});

const match = z
  .object({
    name: z.string().describe('ASCII (Punycode) form'),
    unicode: z.string(),
    brandId: z.string(),
    brandDomain: z.string().describe('the brand domain it imitates'),
    kind: z.enum(['candidate', 'confusable-skeleton', 'edit-distance', 'brand-containment']),
    algorithm: z.string().describe("the permutation fuzzer that generates it (transposition, cyrillic, combosquatting…), else confusable-skeleton, damerau-levenshtein or brand-containment"),
    distance: z.number().int().nullable().describe('Damerau-Levenshtein distance of its registrable label from the brand label; null above 3'),
    score: z.number().int(),
    level: z.enum(['high', 'medium', 'low']),
    reasons: z.array(reason).describe('every point of the score with the fact behind it'),
    missionIds: z.array(z.string()).optional().describe("the active missions protecting the brand (brands of the active missions only)"),
  })
  .meta({ id: 'LookalikeMatch' });

export const checkLookalike = {
  body: z.object({
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(?=.{4,254}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}\.?$/, 'a host name such as login-example.com, IDN names in their Punycode (xn--) form')
      .describe('the name to check, ASCII: an IDN name in its Punycode (xn--) form (the CLI converts a Unicode name)'),
    brands: z.array(brand).min(1).max(50).optional().describe('brands to check against; absent: the brands of the active missions'),
  }),
  response: {
    200: z.object({
      domain: z.string(),
      unicode: z.string(),
      brandsFrom: z.enum(['request', 'active-missions']),
      brandsChecked: z.number().int(),
      match: match.nullable().describe('the brand it imitates most; null: none'),
      matches: z.array(match),
    }),
    ...problems,
  },
};
