/** A small document model rendered both as Markdown and as HTML, so the two never drift apart. */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: Array<Array<string | number | null>> };

const cell = (v: string | number | null) => (v === null ? '—' : String(v));

export function toMarkdown(blocks: Block[]): string {
  const mdCell = (v: string | number | null) => cell(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return (
    blocks
      .map((b) => {
        switch (b.kind) {
          case 'heading':
            return `${'#'.repeat(b.level)} ${b.text}`;
          case 'paragraph':
            return b.text;
          case 'list':
            return b.items.length ? b.items.map((i) => `- ${i}`).join('\n') : '- none';
          case 'table':
            return [
              `| ${b.head.join(' | ')} |`,
              `|${b.head.map(() => '---').join('|')}|`,
              ...b.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
            ].join('\n');
        }
      })
      .join('\n\n') + '\n'
  );
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function toHtml(title: string, blocks: Block[]): string {
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
        case 'paragraph':
          return `<p>${escapeHtml(b.text)}</p>`;
        case 'list':
          return `<ul>${(b.items.length ? b.items : ['none']).map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
        case 'table':
          return `<table><thead><tr>${b.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
            .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(cell(c))}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`;
      }
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccd;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#eef}</style></head>
<body>
${body}
</body></html>
`;
}
