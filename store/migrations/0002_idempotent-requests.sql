-- Up Migration
-- Writes made with an Idempotency-Key: the first request's hash and, once it has been answered,
-- its answer, so that a retry with the same key and body answers the same again and a retry with
-- another body is refused. Keys are per caller and forgotten after a day.
create table idempotent_requests (
  actor_id     text not null,
  key          text not null,
  request_hash text not null,
  status       integer,
  location     text,
  response     jsonb,
  created_at   timestamptz not null default now(),
  primary key (actor_id, key)
);
create index idempotent_requests_created on idempotent_requests (created_at);

-- Down Migration
drop table idempotent_requests;
