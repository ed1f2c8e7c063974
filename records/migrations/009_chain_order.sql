-- Pipelined group commits: a writer may send its next batch, chained from the head of the batch
-- still committing, on a second connection. The server keeps the chain whole: each batch names
-- the record it continues (access_records.chain_after, 'seq:hash', local to the transaction) and
-- holds, from its first statement, the advisory lock (hashtext(stream), last seq % 2^31-1) of
-- the record it ends with. A deferred trigger, at COMMIT, waits for the lock of the record it
-- continues (the batch before it has ended, committed or not; a batch sent first may reach the
-- server second, so an unseen record is looked for again for up to 50 ms), then for the stream's
-- lock (commits of a stream one at a time), and refuses the commit unless that record is stored
-- (or archived) and no other record already continues it: if batch N failed, batch N+1 fails
-- too, and no two batches ever continue the same record (no gap, no fork).
-- Named to fire before access_record_commit_deadline, so the deadline is checked after the wait.
-- Inserts that set no chain_after (an operator's, a test's) are not checked.

CREATE FUNCTION refuse_broken_chain() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
DECLARE
  after text := current_setting('access_records.chain_after', true);
  after_seq bigint;
  after_hash text;
  stream_key int;
  record_key int;
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
    EXIT WHEN after_seq = 0 OR EXISTS (
      SELECT 1 FROM access_record
       WHERE stream_id = NEW.stream_id AND seq = after_seq AND hash = after_hash);
    PERFORM pg_sleep(0.001);
  END LOOP;
  PERFORM pg_advisory_xact_lock(hashtext('access_record_chain:' || NEW.stream_id));
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
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER access_record_chain_order
  AFTER INSERT ON access_record
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW
  WHEN (NEW.id::text = current_setting('access_records.commit_check', true))
  EXECUTE FUNCTION refuse_broken_chain();
