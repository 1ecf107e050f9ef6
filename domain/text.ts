import { z } from 'zod';

/**
 * A character that is not blank for JavaScript's regular expressions nor for Python's (their `\s`
 * differ: \x1c–\x1f and \x85 are blank only for Python, \ufeff only for JavaScript), so that the
 * pattern the API documents means what the API does for every client.
 */
const NOT_BLANK = '[^\\s\\x1c-\\x1f\\x85\\ufeff]';

/** Characters as JSON Schema's maxLength counts them: code points, not UTF-16 units. */
export function characters(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const atMost = (max: number) => z.string().refine((s) => characters(s) <= max, { message: `at most ${max} characters`, abort: true });

/**
 * Text a person writes: at most `max` characters as sent, at least `min` characters that are not
 * blank, trimmed. Exactly what the document says (maxLength and a pattern) is accepted.
 */
export function text(max: number, min = 1, also?: { pattern: RegExp; rule: string }) {
  const pattern = min === 1 ? NOT_BLANK : `^(?:[\\s\\S]*?${NOT_BLANK}){${min}}`;
  const checked = atMost(max).regex(new RegExp(pattern), min === 1 ? 'not blank' : `at least ${min} characters that are not blank`);
  // Every pattern is checked on the text as sent, as the document's patterns are; then it is trimmed.
  // The document's maxLength goes on the schema as it finally is (a derived schema does not keep it).
  return (also ? checked.regex(also.pattern, also.rule) : checked).trim().meta({ maxLength: max });
}

/** Text that may be empty: at most `max` characters as sent, trimmed. */
export const optionalText = (max: number) => atMost(max).trim().meta({ maxLength: max });
