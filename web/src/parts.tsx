import type { ComponentChildren } from 'preact';
import type { Clock } from '../../domain/mission';
import { ApiError } from './api';
import { clockState, duration } from './format';

/** A refusal or failure, as the API said it: title, detail, each field and its rule, what is missing. */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    const p = error.problem;
    return (
      <div class="error" role="alert">
        <strong>
          {error.status} {p.title ?? 'Error'}
          {p.code ? ` (${p.code})` : ''}
        </strong>
        {p.detail && <p>{p.detail}</p>}
        {p.errors?.length ? (
          <ul>
            {p.errors.map((e) => (
              <li key={e.field}>
                <code>{e.field}</code>: {e.message}
              </li>
            ))}
          </ul>
        ) : null}
        {p.missing?.length ? <p>Missing: {p.missing.join(', ')}</p> : null}
      </div>
    );
  }
  return (
    <div class="error" role="alert">
      {(error as Error).message ?? String(error)}
    </div>
  );
}

/** A clock as a bar: the share of its allocation used, coloured by the policy's warning fractions, overrun marked. */
export function ClockBar({ label, clock, warnings, now }: { label: string; clock: Clock; warnings: readonly number[]; now: number }) {
  const c = clockState(clock, warnings, now);
  const pct = c.share === null ? 0 : Math.min(100, Math.round(c.share * 100));
  const text =
    c.elapsedMs === null
      ? 'not started'
      : `${duration(c.elapsedMs)}${clock.allocatedHours ? ` of ${clock.allocatedHours} h (${Math.round((c.share ?? 0) * 100)}%)` : ', no allocation'}${clock.stoppedAt ? ', stopped' : ''}`;
  return (
    <div class={`clock level-${Math.min(c.level, 3)}${c.overrun ? ' overrun' : ''}`}>
      <div class="clock-label">
        <span>{label}</span>
        <span>
          {text}
          {c.overrun ? ' — OVERRUN' : ''}
        </span>
      </div>
      <div class="bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={text}>
        <div class="fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="panel" aria-labelledby={id ? `${id}-h` : undefined}>
      <h2 id={id ? `${id}-h` : undefined}>{title}</h2>
      {children}
    </section>
  );
}
