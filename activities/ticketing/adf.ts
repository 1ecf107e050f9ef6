/**
 * Atlassian Document Format (ADF), the rich-text JSON Jira Cloud's REST v3 takes for descriptions, built
 * from the markdown-ish plain text capeo writes: blank lines between paragraphs, `- ` or `* ` bullets,
 * `1. ` numbered items, `# ` headings, fenced code blocks, `inline code`, `[label](url)` and bare URLs.
 * Anything else is kept as text: a description is never refused for its formatting.
 */

export interface AdfMark {
  type: 'code' | 'link' | 'strong';
  attrs?: { href: string };
}

export type AdfInline = { type: 'text'; text: string; marks?: AdfMark[] } | { type: 'hardBreak' };

export type AdfBlock =
  | { type: 'paragraph'; content: AdfInline[] }
  | { type: 'heading'; attrs: { level: number }; content: AdfInline[] }
  | { type: 'bulletList' | 'orderedList'; content: AdfListItem[] }
  | { type: 'codeBlock'; attrs?: { language: string }; content?: Array<{ type: 'text'; text: string }> };

export interface AdfListItem {
  type: 'listItem';
  content: AdfBlock[];
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfBlock[];
}

const FENCE = /^\s*```\s*([\w+#.-]*)\s*$/;
const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*)$/;
/** `code`, [label](http…), **bold**, or a bare http(s) URL (trailing punctuation is left to the sentence). */
const INLINE = /`([^`\n]+)`|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+|mailto:[^\s)]+)\)|\*\*([^*\n]+)\*\*|(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'])/g;

/** Inline nodes of one line: text with code, link and strong marks; ADF forbids empty text nodes. */
export function adfInline(line: string): AdfInline[] {
  const out: AdfInline[] = [];
  const text = (t: string, marks?: AdfMark[]): void => {
    if (t) out.push(marks ? { type: 'text', text: t, marks } : { type: 'text', text: t });
  };
  let last = 0;
  for (const m of line.matchAll(INLINE)) {
    text(line.slice(last, m.index));
    const [, code, label, href, strong, url] = m;
    if (code !== undefined) text(code, [{ type: 'code' }]);
    else if (label !== undefined) text(label, [{ type: 'link', attrs: { href: href! } }]);
    else if (strong !== undefined) text(strong, [{ type: 'strong' }]);
    else text(url!, [{ type: 'link', attrs: { href: url! } }]);
    last = m.index + m[0].length;
  }
  text(line.slice(last));
  return out;
}

/** Lines joined by hard breaks, as Jira shows a line break inside a paragraph. */
function inlineLines(lines: string[]): AdfInline[] {
  const out: AdfInline[] = [];
  for (const line of lines) {
    const nodes = adfInline(line);
    if (nodes.length === 0) continue;
    if (out.length > 0) out.push({ type: 'hardBreak' });
    out.push(...nodes);
  }
  return out;
}

const paragraph = (lines: string[]): AdfBlock | undefined => {
  const content = inlineLines(lines);
  return content.length > 0 ? { type: 'paragraph', content } : undefined;
};

/** An ADF document for `text`; an empty text gives a document with no content. */
export function toAdf(text: string): AdfDoc {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const content: AdfBlock[] = [];
  let para: string[] = [];
  let list: { type: 'bulletList' | 'orderedList'; items: string[][] } | undefined;

  const flushPara = (): void => {
    const p = paragraph(para);
    if (p) content.push(p);
    para = [];
  };
  const flushList = (): void => {
    if (!list) return;
    const items = list.items
      .map((item): AdfListItem | undefined => {
        const p = paragraph(item);
        return p && { type: 'listItem', content: [p] };
      })
      .filter((i): i is AdfListItem => i !== undefined);
    if (items.length > 0) content.push({ type: list.type, content: items });
    list = undefined;
  };
  const flush = (): void => {
    flushPara();
    flushList();
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      // An unclosed fence runs to the end of the text, as in markdown.
      for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) code.push(lines[i]!);
      const body = code.join('\n');
      content.push({
        type: 'codeBlock',
        ...(fence[1] && { attrs: { language: fence[1] } }),
        ...(body && { content: [{ type: 'text', text: body }] }),
      });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const inline = adfInline(heading[2]!.trim());
      if (inline.length > 0) content.push({ type: 'heading', attrs: { level: heading[1]!.length }, content: inline });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? undefined : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flushPara();
      const type = bullet ? 'bulletList' : 'orderedList';
      if (list?.type !== type) {
        flushList();
        list = { type, items: [] };
      }
      list.items.push([item[1]!.trim()]);
      continue;
    }
    // An indented line right after an item continues that item; any other line ends the list.
    if (list && /^\s+\S/.test(line)) {
      list.items.at(-1)!.push(line.trim());
      continue;
    }
    flushList();
    para.push(line.trim());
  }
  flush();
  return { type: 'doc', version: 1, content };
}
