import { assertReadOnly } from '../../activities/siem/duckdb-siem';

/** The embedded SIEM's one-query check reads SQL's comments and statement ends, not text inside literals. */
test('comment and statement characters inside string literals and quoted names are text', () => {
  expect(assertReadOnly("select * from edr where cmd like '%--enc%'")).toBe("select * from edr where cmd like '%--enc%'");
  expect(assertReadOnly("select * from edr where cmd = 'a; b' and note = '/* x */'")).toContain("'a; b'");
  expect(assertReadOnly('select "a;b" from edr')).toBe('select "a;b" from edr');
  expect(assertReadOnly("select 'it''s; --' as s")).toBe("select 'it''s; --' as s");
});

test('comments outside literals go, one trailing semicolon is allowed, a second statement is refused', () => {
  expect(assertReadOnly('select 1 -- the answer\n;')).toBe('select 1');
  expect(assertReadOnly('/* lead */ select 2 /* tail */')).toBe('select 2');
  expect(() => assertReadOnly('select 1; drop table edr')).toThrow(/one statement/);
  expect(() => assertReadOnly('select 1;;')).toThrow(/one statement/);
  expect(() => assertReadOnly("-- select 1\ndrop table edr")).toThrow(/only SELECT/);
  expect(() => assertReadOnly("select 1 -- ';\n; drop table edr")).toThrow(/one statement/);
});
