import { useMemo, useState } from 'preact/hooks';
import { z } from 'zod';
import { ApiError } from './api';
import { words } from './format';
import { ErrorBox } from './parts';

/** The JSON Schema (input side) of a domain schema: what the form is drawn from. */
interface Js {
  type?: string | string[];
  properties?: Record<string, Js>;
  required?: string[];
  items?: Js;
  enum?: unknown[];
  anyOf?: Js[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  description?: string;
  format?: string;
  default?: unknown;
}

type Value = unknown;
type Errors = Record<string, string>;

const typeOf = (s: Js): string => {
  if (s.enum) return 'enum';
  if (s.anyOf) return typeOf(s.anyOf.find((a) => a.type !== 'null') ?? {});
  return (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type) ?? 'string';
};
const inner = (s: Js): Js => (s.anyOf ? (s.anyOf.find((a) => a.type !== 'null') ?? s) : s);

/** An empty value of the schema's shape: one row for a list that needs one. */
function emptyOf(s: Js): Value {
  const t = typeOf(s);
  if (t === 'object') return Object.fromEntries(Object.entries(inner(s).properties ?? {}).map(([k, p]) => [k, emptyOf(p)]));
  if (t === 'array') {
    const items = inner(s).items ?? {};
    return typeOf(items) === 'object' && (inner(s).minItems ?? 0) > 0 ? [emptyOf(items)] : [];
  }
  if (t === 'boolean') return false;
  if (t === 'number' || t === 'integer') return '';
  return '';
}

/** The value to send: empty optional fields and blank rows left out, numbers as numbers. */
function prune(s: Js, v: Value, required: boolean): Value {
  const t = typeOf(s);
  if (t === 'object') {
    const props = inner(s).properties ?? {};
    const req = new Set(inner(s).required ?? []);
    const out: Record<string, Value> = {};
    for (const [k, p] of Object.entries(props)) {
      const pv = prune(p, (v as Record<string, Value>)?.[k], req.has(k));
      if (pv !== undefined) out[k] = pv;
    }
    return !required && Object.values(out).every((x) => x === undefined || x === false || (Array.isArray(x) && !x.length)) ? undefined : out;
  }
  if (t === 'array') {
    const items = inner(s).items ?? {};
    const list = ((v as Value[]) ?? []).map((x) => prune(items, x, true)).filter((x) => x !== undefined && x !== '');
    return list;
  }
  if (t === 'number' || t === 'integer') return v === '' || v === undefined ? (required ? v : undefined) : Number(v);
  if (t === 'string' || t === 'enum') return v === '' && !required ? undefined : v;
  return v;
}

/** Where an issue of the schema belongs: `references.0.link`. */
const pathOf = (path: readonly PropertyKey[]) => path.map(String).join('.');

interface FieldProps {
  form: string;
  schema: Js;
  path: string;
  name: string;
  value: Value;
  required: boolean;
  errors: Errors;
  onChange: (v: Value) => void;
}

function Field({ form, schema, path, name, value, required, errors, onChange }: FieldProps) {
  const t = typeOf(schema);
  const s = inner(schema);
  const id = `${form}-${path.replace(/[^\w-]/g, '-')}`;
  const error = errors[path];
  const label = `${words(name)}${required ? '' : ' (optional)'}`;
  const hint = s.description ?? schema.description;
  const described = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const messages = (
    <>
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-err`} class="field-error">
          {error}
        </small>
      )}
    </>
  );
  if (t === 'object') {
    return (
      <fieldset class={error ? 'invalid' : ''}>
        <legend>{label}</legend>
        <Fields form={form} schema={s} path={path} value={value as Record<string, Value>} errors={errors} onChange={onChange} />
        {messages}
      </fieldset>
    );
  }
  if (t === 'array') {
    const items = s.items ?? {};
    const list = (value as Value[]) ?? [];
    if (typeOf(items) !== 'object') {
      return (
        <div class={`field${error ? ' invalid' : ''}`}>
          <label for={id}>{label} — one per line</label>
          <textarea id={id} rows={3} aria-invalid={error ? 'true' : undefined} aria-describedby={described} value={list.join('\n')} onInput={(e) => onChange((e.currentTarget as HTMLTextAreaElement).value.split('\n').map((l) => l.trim()).filter(Boolean))} />
          {messages}
        </div>
      );
    }
    return (
      <fieldset class={error ? 'invalid' : ''}>
        <legend>{label}</legend>
        {list.map((row, i) => (
          <div class="row" key={i}>
            <Fields form={form} schema={items} path={`${path}.${i}`} value={row as Record<string, Value>} errors={errors} onChange={(v) => onChange(list.map((r, j) => (j === i ? v : r)))} />
            <button type="button" class="secondary" onClick={() => onChange(list.filter((_, j) => j !== i))}>
              Remove {words(name).toLowerCase()} {i + 1}
            </button>
          </div>
        ))}
        <button type="button" class="secondary" onClick={() => onChange([...list, emptyOf(items)])}>
          Add to {words(name).toLowerCase()}
        </button>
        {messages}
      </fieldset>
    );
  }
  if (t === 'boolean') {
    return (
      <div class="field check">
        <input id={id} type="checkbox" checked={Boolean(value)} aria-describedby={described} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
        <label for={id}>{words(name)}</label>
        {messages}
      </div>
    );
  }
  if (t === 'enum') {
    return (
      <div class={`field${error ? ' invalid' : ''}`}>
        <label for={id}>{label}</label>
        <select id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={described} value={String(value ?? '')} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">—</option>
          {(s.enum ?? []).map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>
        {messages}
      </div>
    );
  }
  const numeric = t === 'number' || t === 'integer';
  const long = !numeric && (s.maxLength ?? 0) > 500;
  const common = { id, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': described, value: String(value ?? '') };
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>
        {label}
        {numeric && s.minimum !== undefined && s.maximum !== undefined && s.maximum < 1e6 ? ` (${s.minimum}–${s.maximum})` : ''}
      </label>
      {long ? (
        <textarea {...common} rows={3} onInput={(e) => onChange((e.currentTarget as HTMLTextAreaElement).value)} />
      ) : (
        <input {...common} type={numeric ? 'number' : s.format === 'uri' ? 'url' : 'text'} onInput={(e) => onChange((e.currentTarget as HTMLInputElement).value)} />
      )}
      {messages}
    </div>
  );
}

function Fields({ form, schema, path, value, errors, onChange }: { form: string; schema: Js; path: string; value: Record<string, Value>; errors: Errors; onChange: (v: Value) => void }) {
  const s = inner(schema);
  const required = new Set(s.required ?? []);
  return (
    <>
      {Object.entries(s.properties ?? {}).map(([k, p]) => (
        <Field key={k} form={form} schema={p} name={k} path={path ? `${path}.${k}` : k} value={value?.[k]} required={required.has(k)} errors={errors} onChange={(v) => onChange({ ...value, [k]: v })} />
      ))}
    </>
  );
}

/**
 * A form drawn from a domain schema: a field per property (lists as rows, enums as choices), checked
 * with the same schema before it is sent, with the schema's message at each field; the API's own
 * refusal (`body.data.…` fields) lands at the field too.
 */
export function SchemaForm<S extends z.ZodType>({
  name,
  schema,
  submitLabel,
  onSubmit,
  apiPrefix = 'body.',
  disabledReason,
}: {
  /** Unique on the page: the prefix of the fields' ids. */
  name: string;
  schema: S;
  submitLabel: string;
  onSubmit: (value: z.output<S>) => Promise<unknown>;
  /** What the API puts before a field's path in its 400 (`body.data.` for a work item). */
  apiPrefix?: string;
  disabledReason?: string | undefined;
}) {
  const json = useMemo(() => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Js, [schema]);
  const [value, setValue] = useState<Value>(() => emptyOf(json));
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setDone(false);
    const parsed = schema.safeParse(prune(json, value, true));
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [pathOf(i.path), i.message])));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(parsed.data);
      setDone(true);
      setValue(emptyOf(json));
    } catch (err) {
      if (err instanceof ApiError && err.problem.errors?.length) {
        setErrors(Object.fromEntries(err.problem.errors.map((f) => [f.field.startsWith(apiPrefix) ? f.field.slice(apiPrefix.length) : f.field, f.message])));
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="schema-form" onSubmit={submit} noValidate aria-label={submitLabel} data-form={name}>
      <Fields form={name} schema={json} path="" value={value as Record<string, Value>} errors={errors} onChange={setValue} />
      {Object.keys(errors).length > 0 && (
        <p class="field-error" role="alert">
          Some fields need a change: {Object.keys(errors).join(', ')}
        </p>
      )}
      <ErrorBox error={error} />
      <button type="submit" disabled={busy || Boolean(disabledReason)} title={disabledReason}>
        {submitLabel}
      </button>
      {disabledReason && <small class="hint">{disabledReason}</small>}
      {done && (
        <small class="ok" role="status">
          Saved.
        </small>
      )}
    </form>
  );
}
