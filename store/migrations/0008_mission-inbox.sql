-- Up Migration
-- Findings that came by signal while a mission handed over to its next run, past what the hand-over
-- carries in its state (MAX_INBOX_CHARS): kept here in batches, numbered per mission, until the next
-- run has stored them as findings (then it deletes the batch). A retried write of a batch changes nothing.
create table mission_inbox (
  mission_id text not null,
  seq        integer not null,
  entries    jsonb not null,
  at         timestamptz not null default now(),
  primary key (mission_id, seq)
);

-- Down Migration
drop table mission_inbox;
