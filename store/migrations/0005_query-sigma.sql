-- Up Migration
-- A hunt query posted as a Sigma rule keeps the rule next to the query it was converted to.
alter table query_runs add column sigma text;

-- Down Migration
alter table query_runs drop column sigma;
