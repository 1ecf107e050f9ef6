import { parseDocument } from 'yaml';
import { z } from 'zod';
import { group, type SigmaExpr, type SigmaRule } from './ast';
import { parseCondition } from './condition';
import { SigmaRuleError } from './errors';
import { detectionItem } from './modifiers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const name = z.string().trim().min(1).max(128);

/** The rule's metadata; other Sigma attributes (description, author, references…) pass through unread. */
export const sigmaRuleSchema = z.looseObject({
  title: z.string().trim().min(1).max(256),
  id: z.string().regex(UUID, 'must be a UUID').optional(),
  status: z.enum(['stable', 'test', 'experimental', 'deprecated', 'unsupported']).optional(),
  level: z.enum(['informational', 'low', 'medium', 'high', 'critical']).optional(),
  tags: z.array(z.string().regex(/^[a-z0-9_-]+\.[a-z0-9._-]+$/i, 'must be namespace.name, e.g. attack.t1059')).max(64).optional(),
  logsource: z
    .looseObject({ product: name.optional(), category: name.optional(), service: name.optional() })
    .refine((l) => l.product ?? l.category ?? l.service, 'needs a product, category or service'),
  detection: z.record(z.string(), z.unknown()),
});

export const MAX_RULE_BYTES = 64 * 1024;

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'rule';
}

/** One selection: a map (AND of its items), a list of maps (OR), or a list of keywords (OR). */
function selection(path: string, body: unknown): SigmaExpr {
  const map = (at: string, m: Record<string, unknown>): SigmaExpr => {
    const keys = Object.keys(m);
    if (!keys.length) throw new SigmaRuleError(at, 'an empty map matches nothing');
    return group('and', keys.map((k) => detectionItem(`${at}.${k}`, k, m[k])));
  };
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return map(path, body as Record<string, unknown>);
  if (Array.isArray(body)) {
    if (!body.length) throw new SigmaRuleError(path, 'an empty list matches nothing');
    const maps = body.filter((b) => b !== null && typeof b === 'object');
    if (maps.length === body.length) {
      return group('or', body.map((b, i) => {
        if (Array.isArray(b)) throw new SigmaRuleError(`${path}[${i}]`, 'a list inside a list is not a Sigma selection');
        return map(`${path}[${i}]`, b as Record<string, unknown>);
      }));
    }
    if (maps.length) throw new SigmaRuleError(path, 'a selection list holds either maps or keywords, not both');
    return detectionItem(path, '', body);
  }
  if (typeof body === 'string' || typeof body === 'number') return detectionItem(path, '', [body]);
  throw new SigmaRuleError(path, 'a selection is a map, a list of maps or a list of keywords');
}

/** A Sigma rule (YAML text) as capeo's typed rule, or a SigmaRuleError naming the part it cannot take. */
export function parseSigmaRule(text: string): SigmaRule {
  if (new TextEncoder().encode(text).length > MAX_RULE_BYTES) throw new SigmaRuleError('rule', `larger than ${MAX_RULE_BYTES} bytes`);
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line;
    throw new SigmaRuleError(line ? `rule (line ${line})` : 'rule', `not YAML: ${e.message.split('\n')[0]}`);
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 50 });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new SigmaRuleError('rule', 'a Sigma rule is a YAML map');
  if ('correlation' in raw) throw new SigmaRuleError('correlation', 'correlation rules are not supported', 'unsupported');
  const parsed = sigmaRuleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SigmaRuleError(issuePath(issue), issue.message);
  }
  const r = parsed.data;
  const { condition, timeframe, ...rest } = r.detection;
  if (timeframe !== undefined) throw new SigmaRuleError('detection.timeframe', 'timeframe (aggregation) is not supported', 'unsupported');
  if (Array.isArray(condition)) {
    if (condition.length !== 1) throw new SigmaRuleError('detection.condition', 'a list of conditions is not supported: join them with or', 'unsupported');
  }
  const text1 = Array.isArray(condition) ? condition[0] : condition;
  if (typeof text1 !== 'string' || !text1.trim()) throw new SigmaRuleError('detection.condition', 'required: the condition over the selections');
  const selections = new Map<string, SigmaExpr>();
  for (const [k, body] of Object.entries(rest)) {
    if (!/^[A-Za-z0-9_\-.]+$/.test(k)) throw new SigmaRuleError(`detection.${k}`, 'a selection name holds only letters, digits, _ - and .');
    if (['and', 'or', 'not', 'of', 'them', 'all', '1'].includes(k)) throw new SigmaRuleError(`detection.${k}`, 'a selection cannot be named after a condition keyword');
    selections.set(k, selection(`detection.${k}`, body));
  }
  if (!selections.size) throw new SigmaRuleError('detection', 'needs at least one selection');
  return {
    title: r.title,
    ...(r.id ? { id: r.id } : {}),
    ...(r.level ? { level: r.level } : {}),
    ...(r.status ? { status: r.status } : {}),
    tags: r.tags ?? [],
    logsource: {
      ...(r.logsource.product ? { product: r.logsource.product } : {}),
      ...(r.logsource.category ? { category: r.logsource.category } : {}),
      ...(r.logsource.service ? { service: r.logsource.service } : {}),
    },
    condition: text1.trim(),
    expr: parseCondition(text1, selections),
  };
}
