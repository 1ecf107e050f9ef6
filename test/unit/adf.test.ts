import { adfInline, toAdf } from '../../activities/ticketing/adf';

describe('toAdf', () => {
  it('paragraphs split on blank lines; lines inside one joined by hard breaks', () => {
    expect(toAdf('First line\nsecond line\n\nNext paragraph')).toEqual({
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'First line' }, { type: 'hardBreak' }, { type: 'text', text: 'second line' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Next paragraph' }] },
      ],
    });
  });

  it('bullet and numbered lists, with an indented continuation line', () => {
    expect(toAdf('Observables:\n- login-acme.example\n  (registered yesterday)\n* acme-support.example\n1. block\n2. watch').content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Observables:' }] },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'login-acme.example' }, { type: 'hardBreak' }, { type: 'text', text: '(registered yesterday)' }] }],
          },
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'acme-support.example' }] }] },
        ],
      },
      {
        type: 'orderedList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'block' }] }] },
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'watch' }] }] },
        ],
      },
    ]);
  });

  it('fenced code keeps its lines and language; an empty fence has no text node', () => {
    expect(toAdf('Query:\n```spl\nindex=dns query="*acme*"\n| stats count by query\n```\n```\n```').content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Query:' }] },
      { type: 'codeBlock', attrs: { language: 'spl' }, content: [{ type: 'text', text: 'index=dns query="*acme*"\n| stats count by query' }] },
      { type: 'codeBlock' },
    ]);
  });

  it('headings; an empty text gives an empty document', () => {
    expect(toAdf('## Evidence').content).toEqual([{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Evidence' }] }]);
    expect(toAdf('')).toEqual({ type: 'doc', version: 1, content: [] });
    expect(toAdf('\n  \n')).toEqual({ type: 'doc', version: 1, content: [] });
  });
});

describe('adfInline', () => {
  it('marks inline code, labelled links, bold and bare URLs (sentence punctuation stays text)', () => {
    expect(adfInline('See `dig +short` and [the report](https://r.example/a?b=1), **now**: https://crt.sh/?q=acme.')).toEqual([
      { type: 'text', text: 'See ' },
      { type: 'text', text: 'dig +short', marks: [{ type: 'code' }] },
      { type: 'text', text: ' and ' },
      { type: 'text', text: 'the report', marks: [{ type: 'link', attrs: { href: 'https://r.example/a?b=1' } }] },
      { type: 'text', text: ', ' },
      { type: 'text', text: 'now', marks: [{ type: 'strong' }] },
      { type: 'text', text: ': ' },
      { type: 'text', text: 'https://crt.sh/?q=acme', marks: [{ type: 'link', attrs: { href: 'https://crt.sh/?q=acme' } }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('links only to http(s) and mailto: a javascript: link stays text', () => {
    expect(adfInline('[x](javascript:alert(1))')).toEqual([{ type: 'text', text: '[x](javascript:alert(1))' }]);
  });
});
