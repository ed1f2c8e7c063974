-- Records partitioned by month (declarative range partitioning on occurred_at, no extension):
-- a month can be archived to a signed file and detached, and restored, without touching the
-- others; every search index exists per partition. The existing table is copied into the
-- partitioned one (in this migration's transaction) and dropped.
--
-- Keys must hold the partition key: the chain's (stream_id, seq) and the record id are unique
-- together with occurred_at. Both are made by the writer alone (seq from its head, id a fresh
-- UUID), and verify still refuses a repeated seq.

ALTER TABLE access_record RENAME TO access_record_unpartitioned;
-- Their names go to the partitioned table.
ALTER TABLE access_record_unpartitioned
  DROP CONSTRAINT access_record_pkey,
  DROP CONSTRAINT access_record_id_key;
DROP INDEX access_record_time, access_record_consumer, access_record_department,
  access_record_purpose, access_record_subjects, access_record_fields,
  access_record_departments, access_record_reason, access_record_client,
  access_record_policy_revision;

CREATE TABLE access_record (
  LIKE access_record_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
  PRIMARY KEY (stream_id, seq, occurred_at),
  UNIQUE (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- The searches of migrations 001, 003 and 006, now one index per partition each.
CREATE INDEX access_record_time ON access_record (occurred_at, id);
CREATE INDEX access_record_consumer ON access_record (consumer_id, occurred_at, id);
CREATE INDEX access_record_department ON access_record (consumer_department, occurred_at, id);
CREATE INDEX access_record_purpose ON access_record (purpose, occurred_at, id);
CREATE INDEX access_record_subjects ON access_record USING gin (subjects);
CREATE INDEX access_record_fields ON access_record USING gin (fields jsonb_path_ops);
CREATE INDEX access_record_departments ON access_record USING gin (departments);
CREATE INDEX access_record_reason ON access_record (reason, occurred_at, id) WHERE reason IS NOT NULL;
CREATE INDEX access_record_client ON access_record (client_address, occurred_at, id);
CREATE INDEX access_record_policy_revision ON access_record (policy_revision, occurred_at, id)
  WHERE policy_revision IS NOT NULL;

-- A change refused on a partition names the records table, as before.
CREATE OR REPLACE FUNCTION refuse_access_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target text := (SELECT relname FROM pg_class
                   WHERE oid = coalesce(pg_partition_root(TG_RELID), TG_RELID));
BEGIN
  RAISE EXCEPTION 'access records are append-only: % on %.% is refused', TG_OP, TG_TABLE_SCHEMA, target
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Records are kept at least three years (PIPL art. 56) and never changed.';
END
$$;

-- Cloned onto every partition, attached or created later.
CREATE TRIGGER access_record_no_update_or_delete
  BEFORE UPDATE OR DELETE ON access_record
  FOR EACH ROW EXECUTE FUNCTION refuse_access_record_change();

CREATE TRIGGER access_record_no_truncate
  BEFORE TRUNCATE ON access_record
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_access_record_change();

CREATE CONSTRAINT TRIGGER access_record_commit_deadline
  AFTER INSERT ON access_record
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW
  WHEN (NEW.id::text = current_setting('access_records.commit_check', true))
  EXECUTE FUNCTION refuse_late_commit();

REVOKE UPDATE, DELETE, TRUNCATE ON access_record FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON access_record FROM CURRENT_USER;

-- Creates the partition of the month holding `day` (access_record_YYYY_MM) if it is missing.
-- SECURITY DEFINER: the gateway's runtime role (INSERT and SELECT only) creates months ahead
-- through it; the partition belongs to the owner, and its own TRUNCATE is refused too.
CREATE FUNCTION create_access_record_partition(day timestamptz) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  first timestamptz := date_trunc('month', day AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  name text := 'access_record_' || to_char(first AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
  IF to_regclass(format('%I.%I', current_schema(), name)) IS NULL THEN
    -- Two writers may create the same month at once: the second finds it made.
    PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.' || name));
    BEGIN
      EXECUTE format('CREATE TABLE %I PARTITION OF access_record FOR VALUES FROM (%L) TO (%L)',
        name, first, first + interval '1 month');
      EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT '
        'EXECUTE FUNCTION refuse_access_record_change()', name || '_no_truncate', name);
      EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', name);
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
      NULL;
    END;
  END IF;
  RETURN name;
END
$$;

REVOKE ALL ON FUNCTION create_access_record_partition(timestamptz) FROM PUBLIC;

SELECT create_access_record_partition(month)
FROM (SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month
      FROM access_record_unpartitioned
      UNION SELECT now() UNION SELECT now() + interval '1 month') months;

INSERT INTO access_record SELECT * FROM access_record_unpartitioned;
DROP TABLE access_record_unpartitioned;

-- Months archived to a file and detached (audit archive), with the manifest that verify
-- continues each chain from, and months restored: both appended, never changed. A month is
-- archived while its latest archiving is newer than its latest restore.
CREATE TABLE archived_month (
  month        text        NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  manifest     jsonb       NOT NULL,
  archived_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (month, archived_at)
);
CREATE TABLE restored_month (
  month        text        NOT NULL,
  restored_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (month, restored_at)
);
CREATE TRIGGER archived_month_no_update_or_delete
  BEFORE UPDATE OR DELETE ON archived_month
  FOR EACH ROW EXECUTE FUNCTION refuse_access_record_change();
CREATE TRIGGER restored_month_no_update_or_delete
  BEFORE UPDATE OR DELETE ON restored_month
  FOR EACH ROW EXECUTE FUNCTION refuse_access_record_change();
REVOKE ALL ON archived_month, restored_month FROM PUBLIC;
