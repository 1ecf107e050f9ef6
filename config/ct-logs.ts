import { z } from 'zod';
import { CT_LOG_KINDS, ctLogId, type CtLog } from '../domain/ct-monitor';

/**
 * CAPEO_CT_LOGS: comma-separated `kind:url` items, kind `rfc6962` (the URL is what precedes
 * `ct/v1/get-sth`) or `static` (the static-CT monitoring prefix, what precedes `checkpoint`).
 */
export const ctLogsSchema = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^(rfc6962|static):https?:\/\/\S+$/, `each item kind:url, kind one of ${CT_LOG_KINDS.join(', ')} (rfc6962:https://log.example/2026h1/)`)
          .transform((item): CtLog => {
            const at = item.indexOf(':');
            const url = `${item.slice(at + 1).replace(/\/+$/, '')}/`;
            return { id: ctLogId(url), kind: item.slice(0, at) as CtLog['kind'], url };
          }),
      )
      .min(1),
  );
