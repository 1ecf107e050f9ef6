-- Up Migration
-- EAVD infrastructure pivoting: every registered lookalike a mission has seen (by a sweep, the CT
-- monitor or an NRD feed) with its facts, and the clusters of lookalikes that share one operator's
-- infrastructure, so a later sweep or match can join a known cluster. Both are idempotent upserts
-- keyed by mission and domain / cluster id.
create table eavd_infrastructure (
  mission_id  text not null references missions (mission_id) on delete cascade,
  domain      text not null,
  -- Who saw it first: 'sweep:3', 'ct:<match>', 'nrd:<feed>'.
  first_seen  text not null,
  facts       jsonb not null,
  cluster_id  text,
  recorded_at timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  primary key (mission_id, domain)
);
create index eavd_infrastructure_cluster on eavd_infrastructure (mission_id, cluster_id) where cluster_id is not null;

create table eavd_clusters (
  mission_id  text not null references missions (mission_id) on delete cascade,
  cluster_id  text not null,
  founded_by  text not null,
  members     jsonb not null,
  shared      jsonb not null,
  -- A cluster a new domain linked to an older one lives on in it.
  merged_into text,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  primary key (mission_id, cluster_id)
);

-- Down Migration
drop table eavd_clusters;
drop table eavd_infrastructure;
