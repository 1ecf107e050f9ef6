import { generatePermutations } from '../../activities/eavd/permutations';
import { lookalikePolicySchema, startMissionRequestSchema } from '../../domain/mission';

const base = { type: 'EAVD', codeName: 'Lookalikes', topic: 'lookalike domains of the brand' };

describe('brand lookalike policy', () => {
  it('is optional, and defaults to the bounded families', () => {
    expect(startMissionRequestSchema.parse({ ...base, brand: { domains: ['example.com'] } }).brand).toEqual({ domains: ['example.com'], keywords: [] });
    expect(lookalikePolicySchema.parse({})).toEqual({ tldFamily: 'common', publicSuffixes: false, dynamicDns: false, combosquattingDictionary: true, allHomoglyphs: false });
  });

  it('refuses an unknown TLD family, naming the field', () => {
    const parsed = startMissionRequestSchema.safeParse({ ...base, brand: { domains: ['example.com'], lookalikes: { tldFamily: 'every' } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['brand', 'lookalikes', 'tldFamily']);
  });

  it('is what the engine takes: the large families make the candidate set larger, off makes it smaller', () => {
    const count = (lookalikes: unknown) => generatePermutations('example.com', { keywords: [], ...lookalikePolicySchema.parse(lookalikes) }).length;
    const normal = count({});
    expect(count({ tldFamily: 'all' })).toBeGreaterThan(normal + 2 * 1000);
    expect(count({ publicSuffixes: true })).toBeGreaterThan(normal);
    expect(count({ dynamicDns: true })).toBeGreaterThan(normal + 30_000);
    expect(count({ allHomoglyphs: true })).toBeGreaterThan(normal + 200);
    expect(count({ combosquattingDictionary: false, tldFamily: 'none' })).toBeLessThan(normal / 2);
  });
});
