-- Up Migration
-- Hunt knowledge. MITRE ATT&CK: the catalogues loaded (one row per release, its techniques as a JSON object keyed by
-- id), the one in use, and the technique ids missions, findings and query runs carry, so coverage
-- ("techniques hunted", "techniques with findings") is answered across missions from the store.
create table attack_catalogues (
  version     text primary key,
  domain      text not null,
  source      text not null,
  techniques  jsonb not null,
  tactics     jsonb not null,
  technique_count integer not null,
  loaded_at   timestamptz not null default now(),
  -- Exactly one row is current: the newest release loaded.
  is_current  boolean not null default false
);
create unique index attack_catalogues_current on attack_catalogues (is_current) where is_current;

-- The release a mission's technique ids were validated against, recorded when it started.
alter table missions add column attack_version text;
alter table findings add column techniques text[] not null default '{}';
alter table query_runs add column techniques text[] not null default '{}';
create index findings_techniques on findings using gin (techniques);

-- What became of a finding after its hunt (recorded by a lead or a manager, during the mission or
-- long after it): a detection accepted or rejected, a gap resolved or not. The program metrics count them.
create table finding_outcomes (
  mission_id text not null,
  finding_id text not null,
  outcome    text not null check (outcome in ('accepted', 'rejected', 'resolved', 'wont-fix')),
  note       text,
  by_actor   text not null,
  at         timestamptz not null default now(),
  primary key (mission_id, finding_id),
  foreign key (mission_id, finding_id) references findings (mission_id, finding_id) on delete cascade
);
create index missions_created_at on missions (created_at);

-- The hunt backlog: topics proposed by anyone, with what motivated them, scored by the prioritisation
-- model and ordered by that score; a manager turns one into a mission (the mission links back).
create table hunt_backlog (
  seq          bigserial primary key,
  proposal     jsonb not null,
  score        double precision not null,
  max_score    double precision not null,
  verdict      text not null check (verdict in ('qualify', 'reject')),
  status       text not null default 'proposed' check (status in ('proposed', 'started', 'dropped')),
  proposed_by  text not null,
  proposed_at  timestamptz not null default now(),
  mission_id   text,
  dropped_reason text
);
create index hunt_backlog_order on hunt_backlog (status, score desc, seq);

-- Down Migration
drop table hunt_backlog;
drop index missions_created_at;
drop table finding_outcomes;
drop index findings_techniques;
alter table query_runs drop column techniques;
alter table findings drop column techniques;
alter table missions drop column attack_version;
drop table attack_catalogues;
