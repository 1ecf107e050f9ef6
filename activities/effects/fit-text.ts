/**
 * A text shortened to at most `max` characters. A shortened text says so, and where the whole record
 * is (`link`), so nothing an external system refuses for its size is sent, and nothing is lost.
 */
export function fitText(text: string, max: number, link?: string): string {
  if (text.length <= max) return text;
  const note = link ? `\n\n… shortened to fit; the full record: ${link}` : '…';
  return text.slice(0, Math.max(0, max - note.length)) + note;
}
