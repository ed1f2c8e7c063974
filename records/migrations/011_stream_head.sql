-- The chain-order check of migration 009 without a look into every month: it looked for the
-- record a batch continues, and for another record continuing it, by (stream_id, seq) in the
-- partitioned table, where the month is not known, so each look probed every partition's
-- index (three looks per batch; with three years of months, most of a batch's server time).
-- Each stream's head (the seq and hash of the last record a checked batch committed) is now
-- kept in stream_head, by this trigger, in the batch's transaction and under the stream's
-- lock. A batch continuing exactly that head passes at once; any other (no head kept yet,
-- inserts that set no chain_after in between, a batch behind one that failed) goes through
-- the checks of migration 009 as before. The head is set from access_records.chain_last
-- ('seq:hash' of the batch's last record); a writer that does not set it (an older gateway)
-- removes the head, so the next batch is checked the long way.
-- SECURITY DEFINER: the writer cannot change stream_head itself; only committed, checked
-- batches move it.

CREATE TABLE stream_head (
  stream_id  text      PRIMARY KEY,
  seq        bigint    NOT NULL,
  hash       char(64)  NOT NULL
);
REVOKE ALL ON stream_head FROM PUBLIC;

CREATE OR REPLACE FUNCTION refuse_broken_chain() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  after text := current_setting('access_records.chain_after', true);
  last text := current_setting('access_records.chain_last', true);
  after_seq bigint;
  after_hash text;
  stream_key int;
  record_key int;
  kept stream_head%ROWTYPE;
BEGIN
  IF after IS NULL OR after = '' THEN
    RETURN NULL;
  END IF;
  after_seq := split_part(after, ':', 1)::bigint;
  after_hash := split_part(after, ':', 2);
  stream_key := hashtext(NEW.stream_id);
  record_key := (after_seq % 2147483647)::int;
  FOR attempt IN 1..50 LOOP
    -- Waits while the batch ending with that record runs, without holding its lock after.
    PERFORM pg_advisory_lock_shared(stream_key, record_key);
    PERFORM pg_advisory_unlock_shared(stream_key, record_key);
    EXIT WHEN after_seq = 0
      OR EXISTS (SELECT 1 FROM stream_head WHERE stream_id = NEW.stream_id AND seq >= after_seq)
      OR EXISTS (
        SELECT 1 FROM access_record
         WHERE stream_id = NEW.stream_id AND seq = after_seq AND hash = after_hash);
    PERFORM pg_sleep(0.001);
  END LOOP;
  PERFORM pg_advisory_xact_lock(hashtext('access_record_chain:' || NEW.stream_id));
  SELECT * INTO kept FROM stream_head WHERE stream_id = NEW.stream_id;
  IF NOT FOUND OR kept.seq <> after_seq OR kept.hash <> after_hash THEN
    IF after_seq > 0 AND NOT EXISTS (
         SELECT 1 FROM access_record
          WHERE stream_id = NEW.stream_id AND seq = after_seq AND hash = after_hash)
       AND NOT EXISTS (
         SELECT 1 FROM archived_month m CROSS JOIN LATERAL jsonb_array_elements(m.manifest->'runs') r
          WHERE r->>'streamId' = NEW.stream_id AND (r->>'lastSeq')::bigint = after_seq
            AND r->>'lastHash' = after_hash) THEN
      RAISE EXCEPTION 'commit of stream % refused: the record it continues (seq %) is not stored', NEW.stream_id, after_seq
        USING ERRCODE = 'serialization_failure',
              HINT = 'The batch before it failed: chain this batch again from the stored head.';
    END IF;
    IF EXISTS (
         SELECT 1 FROM access_record
          WHERE stream_id = NEW.stream_id AND seq = after_seq + 1 AND id <> NEW.id) THEN
      RAISE EXCEPTION 'commit of stream % refused: seq % is already taken', NEW.stream_id, after_seq + 1
        USING ERRCODE = 'serialization_failure',
              HINT = 'Another batch continued the same record: chain this batch again from the stored head.';
    END IF;
  END IF;
  IF last IS NULL OR last !~ '^\d+:[0-9a-f]{64}$' THEN
    DELETE FROM stream_head WHERE stream_id = NEW.stream_id;
  ELSIF kept.stream_id IS NOT NULL THEN
    -- Under the stream's lock: no one else moves this row meanwhile (one WAL record, HOT).
    UPDATE stream_head SET seq = split_part(last, ':', 1)::bigint, hash = split_part(last, ':', 2)
     WHERE stream_id = NEW.stream_id;
  ELSE
    INSERT INTO stream_head (stream_id, seq, hash)
      VALUES (NEW.stream_id, split_part(last, ':', 1)::bigint, split_part(last, ':', 2))
      ON CONFLICT (stream_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
  END IF;
  RETURN NULL;
END
$$;
