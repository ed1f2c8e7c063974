-- A commit that lands after its writer gave up must not land at all: the writer told the
-- client "withheld" at its deadline, so a record committing later would say "served" falsely.
-- Each batch sets the latest moment it may commit (access_records.commit_by, local to the
-- transaction); a deferred trigger checks the server's own clock when COMMIT runs (also after
-- a frozen server thaws, or when a stalled network path delivers the COMMIT late) and aborts.
-- The check runs once per batch: on the row the batch names (access_records.commit_check,
-- its first record's id). Inserts that set no deadline (an operator's, a test's) are not checked.

CREATE FUNCTION refuse_late_commit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  commit_by text := current_setting('access_records.commit_by', true);
BEGIN
  IF commit_by IS NOT NULL AND commit_by <> '' AND clock_timestamp() > commit_by::timestamptz THEN
    RAISE EXCEPTION 'commit of stream % refused: its deadline % has passed', NEW.stream_id, commit_by
      USING ERRCODE = 'query_canceled',
            HINT = 'The writer already answered its requests as withheld; nothing of this batch is stored.';
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER access_record_commit_deadline
  AFTER INSERT ON access_record
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW
  WHEN (NEW.id::text = current_setting('access_records.commit_check', true))
  EXECUTE FUNCTION refuse_late_commit();

-- Signed checkpoints of each stream's head, a copy for convenience: the authoritative ones are
-- the append-only files outside the database, signed with a key the database never holds.
CREATE TABLE checkpoint (
  stream_id  text        NOT NULL,
  seq        bigint      NOT NULL,
  hash       char(64)    NOT NULL,
  signed_at  timestamptz NOT NULL,
  key_id     text        NOT NULL,
  signature  text        NOT NULL,
  PRIMARY KEY (stream_id, seq)
);

CREATE TRIGGER checkpoint_no_update_or_delete
  BEFORE UPDATE OR DELETE ON checkpoint
  FOR EACH ROW EXECUTE FUNCTION refuse_access_record_change();

CREATE TRIGGER checkpoint_no_truncate
  BEFORE TRUNCATE ON checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_access_record_change();

REVOKE UPDATE, DELETE, TRUNCATE ON checkpoint FROM PUBLIC;

-- The store's identity: checkpoints are kept, and signed, per store, so that the checkpoints
-- of one database are never held against another.
CREATE TABLE store_identity (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO store_identity DEFAULT VALUES;

CREATE TRIGGER store_identity_no_update_or_delete
  BEFORE UPDATE OR DELETE ON store_identity
  FOR EACH ROW EXECUTE FUNCTION refuse_access_record_change();
