-- A chained batch in one statement: the writer calls append_records with the batch's rows as
-- one json parameter, through a statement prepared once per connection (extended protocol:
-- no SQL text to parse, no literal to lex, the INSERT's plan kept by PL/pgSQL). The call is its
-- own transaction: it sets what the batch's transaction set before (synchronous_commit on, the
-- deadline and chain settings the deferred triggers of migrations 005 and 009 read at COMMIT,
-- the advisory lock of the batch's last record; and its last record's seq and hash, which
-- migration 011 keeps as the stream's head) and inserts the rows; COMMIT follows the
-- statement, so the triggers still decide at COMMIT. SECURITY INVOKER: the caller needs
-- INSERT on the records, as before.

CREATE FUNCTION append_records(
  rows json,
  commit_check text,
  chain_after text,
  commit_by_ms float8,
  remaining_ms integer,
  lock_stream text,
  lock_seq bigint,
  last_hash text
) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM set_config('synchronous_commit', 'on', true),
    set_config('access_records.commit_check', commit_check, true),
    set_config('access_records.chain_after', chain_after, true),
    set_config('access_records.chain_last', lock_seq || ':' || last_hash, true),
    set_config('access_records.commit_by', least(to_timestamp(commit_by_ms / 1000),
      clock_timestamp() + remaining_ms * interval '1 millisecond')::text, true),
    pg_advisory_xact_lock(hashtext(lock_stream), (lock_seq % 2147483647)::int);
  INSERT INTO access_record (stream_id, seq, id, format, occurred_at, request_id,
      consumer_kind, consumer_id, consumer_department, consumer_role, consumer_application,
      purpose, case_number, operation_name, operation_hash, fields, departments, outcome,
      duration_ms, subjects, delayed_until, client_address, reason, count, trace_id, policy_revision,
      document_id, prev_hash, hash)
    SELECT * FROM json_to_recordset(rows) AS r(stream_id text, seq bigint, id uuid,
      format smallint, occurred_at timestamptz, request_id text, consumer_kind text,
      consumer_id text, consumer_department text, consumer_role text,
      consumer_application text, purpose text, case_number text, operation_name text,
      operation_hash text, fields jsonb, departments text[], outcome text, duration_ms integer,
      subjects text[], delayed_until timestamptz, client_address text, reason text,
      count integer, trace_id text, policy_revision bigint, document_id text, prev_hash text,
      hash text);
END
$$;

REVOKE ALL ON FUNCTION append_records(json, text, text, float8, integer, text, bigint, text) FROM PUBLIC;
