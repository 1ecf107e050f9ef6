import type { Clock } from '../../domain/mission';

/** "3 h 12 min", "45 s": a duration for people. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '—');

/** What a clock shows now: the share of its allocation used, and the warning level the policy's fractions give it. */
export function clockState(c: Clock, warnings: readonly number[], now: number): { share: number | null; level: number; elapsedMs: number | null; overrun: boolean } {
  if (!c.startedAt) return { share: null, level: 0, elapsedMs: null, overrun: false };
  const elapsedMs = (c.stoppedAt ? Date.parse(c.stoppedAt) : now) - Date.parse(c.startedAt);
  const share = c.allocatedHours ? elapsedMs / (c.allocatedHours * 3_600_000) : null;
  const level = share === null ? 0 : [...warnings].sort((a, b) => a - b).filter((f) => share >= f).length;
  return { share, level, elapsedMs, overrun: c.overrun || (share !== null && share >= 1) };
}

/** "camelCase" and "kebab-case" names as words. */
export const words = (name: string): string => {
  const w = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
};
