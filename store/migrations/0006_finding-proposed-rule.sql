-- Up Migration
-- A detection-opportunity finding's proposed detection: a Sigma rule, as the hunter wrote it.
alter table findings add column proposed_rule text;

-- Down Migration
alter table findings drop column proposed_rule;
