-- Up Migration
-- Where each certificate-transparency batch stands, written after every page it processed: a batch
-- retried after a worker crash goes on from its last page, even when the heartbeat that carried the
-- same position had not reached the server yet (heartbeats are throttled). One row per monitor and
-- log (`<monitor workflow id> <log id>`): a new batch of the log replaces the finished one.
create table ct_batch_checkpoints (
  log_id     text primary key,
  batch_from bigint not null,
  checkpoint jsonb not null,
  updated_at timestamptz not null default now()
);

-- Down Migration
drop table ct_batch_checkpoints;
