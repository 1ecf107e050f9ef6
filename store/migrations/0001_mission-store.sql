-- Up Migration
-- capeo's mission store: what a mission accumulates (findings, query runs, the audit timeline,
-- sweeps, the effect log, work-item records), its summary as the workflow last wrote it, mission
-- codes, and identities. Every write the workflow makes is an idempotent upsert keyed by mission
-- and item id, so a retried activity never duplicates a row.

create table missions (
  mission_id      text primary key,
  -- Order of creation, for listing pages (timestamps can tie).
  list_seq        bigserial not null unique,
  code            text not null,
  iteration       integer not null check (iteration > 0),
  type            text not null,
  code_name       text not null,
  -- The parsed start request, every field: a new iteration starts from it.
  start_request   jsonb not null,
  requester       text not null,
  previous_mission_id text,
  -- An iteration's previous playbook and objectives (PreviousIteration), as its workflow starts from them.
  previous        jsonb,
  -- The workflow's bounded summary (MissionSummary) and the columns lists filter on.
  summary         jsonb,
  summary_version bigint not null default 0,
  status          text not null default 'active',
  phase           text not null default 'collect',
  lead            text,
  open_gate       text,
  gate_opened_at  timestamptz,
  overrun         boolean not null default false,
  deadline        timestamptz,
  failed_effects  integer not null default 0,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  unique (code, iteration)
);
create index missions_status_phase on missions (status, phase);
create index missions_code_name on missions (lower(code_name) text_pattern_ops);
create index missions_lead on missions (lead);

-- Mission codes: a sequence per type (EAVD01, EAVD02 …) and the start requests that took them, so a
-- retried start with the same Idempotency-Key gets the same mission.
create table mission_sequences (
  type text primary key,
  last integer not null
);
create table start_requests (
  request_id   text primary key,
  request_hash text not null,
  mission_id   text not null,
  created_at   timestamptz not null default now()
);

create table audit_entries (
  mission_id text not null references missions (mission_id) on delete cascade,
  seq        bigint not null,
  at         timestamptz not null,
  actor      text not null,
  action     text not null,
  detail     text,
  primary key (mission_id, seq)
);
create index audit_entries_action on audit_entries (mission_id, action);

create table work_items (
  mission_id text not null references missions (mission_id) on delete cascade,
  phase      text not null,
  item       text not null,
  status     text not null check (status in ('done', 'failed')),
  by_actor   text not null,
  at         timestamptz not null,
  data       jsonb not null,
  primary key (mission_id, phase, item)
);

create table findings (
  mission_id  text not null references missions (mission_id) on delete cascade,
  finding_id  text not null,
  seq         integer not null,
  category    text not null,
  severity    text not null,
  status      text not null check (status in ('open', 'escalated', 'withdrawn')),
  title       text not null,
  description text not null default '',
  evidence    jsonb not null default '[]',
  observables jsonb not null default '[]',
  flags       jsonb not null default '[]',
  source_key  text,
  author      text not null,
  at          timestamptz not null,
  withdrawn_reason text,
  ticket      jsonb,
  escalation  jsonb,
  tip         jsonb,
  updated_at  timestamptz not null default now(),
  primary key (mission_id, finding_id),
  unique (mission_id, seq)
);
-- A finding's stable source key (a sweep's lookalike, a retried request) exists once per mission.
create unique index findings_source_key on findings (mission_id, source_key) where source_key is not null;
create index findings_category on findings (category, status, at desc);
create index findings_at on findings (at desc, mission_id, seq);

-- Observables, one row each, for "every finding on this domain" across missions.
create table finding_observables (
  mission_id text not null,
  finding_id text not null,
  type       text not null,
  value      text not null,
  primary key (mission_id, finding_id, type, value),
  foreign key (mission_id, finding_id) references findings (mission_id, finding_id) on delete cascade
);
create index finding_observables_value on finding_observables (lower(value), type);

create table query_runs (
  mission_id text not null references missions (mission_id) on delete cascade,
  query_id   text not null,
  seq        integer not null,
  title      text not null,
  query      text not null,
  from_ts    timestamptz not null,
  to_ts      timestamptz not null,
  row_count  bigint not null,
  columns    jsonb not null,
  sample     jsonb not null,
  truncated  boolean not null,
  evidence   jsonb not null,
  by_actor   text not null,
  at         timestamptz not null,
  primary key (mission_id, query_id),
  unique (mission_id, seq)
);

create table sweeps (
  mission_id    text not null references missions (mission_id) on delete cascade,
  sweep         integer not null,
  at            timestamptz not null,
  candidates    integer not null,
  registered    integer not null,
  unresolved    integer not null,
  wildcard      integer not null default 0,
  new_domains   jsonb not null,
  finding_count integer not null,
  primary key (mission_id, sweep)
);

create table containments (
  mission_id     text not null references missions (mission_id) on delete cascade,
  containment_id text not null,
  seq            integer not null,
  target         jsonb not null,
  reason         text not null,
  finding_id     text,
  requested_by   text not null,
  at             timestamptz not null,
  status         text not null,
  dfir           jsonb,
  action         jsonb,
  primary key (mission_id, containment_id),
  unique (mission_id, seq)
);

-- The effect log: every side effect a mission causes, with its state. `key` is the effect's stable
-- name (`incident:F3`), the suffix of the idempotency key its external calls carry.
create table effects (
  mission_id text not null references missions (mission_id) on delete cascade,
  effect_id  text not null,
  seq        integer not null,
  kind       text not null,
  key        text not null,
  subject    text,
  spec       jsonb not null,
  state      text not null check (state in ('pending', 'running', 'done', 'failed')),
  attempts   integer not null default 0,
  error      text,
  error_type text,
  result     jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null default now(),
  primary key (mission_id, effect_id),
  unique (mission_id, seq),
  unique (mission_id, key)
);
create index effects_state on effects (mission_id, state, seq);

-- Identities: one namespace for API key names and OIDC subjects, so one can never act as the other.
create table identities (
  id         text primary key,
  kind       text not null check (kind in ('api-key', 'oidc')),
  created_at timestamptz not null default now()
);
create table api_keys (
  key_id     uuid primary key,
  name       text not null unique references identities (id),
  role       text not null,
  sha256     text not null unique,
  created_at timestamptz not null default now()
);

-- Down Migration
drop table api_keys;
drop table identities;
drop table effects;
drop table containments;
drop table sweeps;
drop table query_runs;
drop table finding_observables;
drop table findings;
drop table work_items;
drop table audit_entries;
drop table start_requests;
drop table mission_sequences;
drop table missions;
