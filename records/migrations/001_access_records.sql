-- Access records: one row per operation the gateway served or refused. Append-only and
-- hash-chained per writer stream (each gateway replica writes its own stream).
-- Runs with search_path set to the records schema (migrateRecords).

CREATE TABLE access_record (
  stream_id            text        NOT NULL,
  seq                  bigint      NOT NULL CHECK (seq >= 1),
  id                   uuid        NOT NULL UNIQUE,
  format               smallint    NOT NULL,
  occurred_at          timestamptz NOT NULL,
  request_id           text        NOT NULL,
  consumer_kind        text        NOT NULL CHECK (consumer_kind IN ('official', 'citizen', 'anonymous')),
  consumer_id          text        NOT NULL,
  consumer_department  text,
  consumer_role        text,
  consumer_application text,
  purpose              text,
  case_number          text,
  operation_name       text,
  operation_hash       text        NOT NULL,
  -- [{ coordinate, pi, effect }]: coordinates only, never values.
  fields               jsonb       NOT NULL,
  departments          text[]      NOT NULL,
  outcome              text        NOT NULL CHECK (outcome IN ('served', 'refused', 'failed')),
  duration_ms          integer     NOT NULL CHECK (duration_ms >= 0),
  -- Pseudonymous ids of the persons whose personal information was disclosed.
  subjects             text[]      NOT NULL,
  delayed_until        timestamptz,
  prev_hash            char(64)    NOT NULL,
  hash                 char(64)    NOT NULL,
  PRIMARY KEY (stream_id, seq)
);

-- Auditors' searches, newest first with (occurred_at, id) as the keyset.
CREATE INDEX access_record_time ON access_record (occurred_at, id);
CREATE INDEX access_record_consumer ON access_record (consumer_id, occurred_at, id);
CREATE INDEX access_record_department ON access_record (consumer_department, occurred_at, id);
CREATE INDEX access_record_purpose ON access_record (purpose, occurred_at, id);
-- "Who read person X": subjects @> ARRAY[X].
CREATE INDEX access_record_subjects ON access_record USING gin (subjects);
-- "Who read Person.idNumber": fields @> '[{"coordinate": "Person.idNumber"}]'.
CREATE INDEX access_record_fields ON access_record USING gin (fields jsonb_path_ops);
-- "Who read data of tax": departments @> ARRAY['tax'].
CREATE INDEX access_record_departments ON access_record USING gin (departments);

-- Append-only, even for the table's owner: changing or removing a record raises.
CREATE FUNCTION refuse_access_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access records are append-only: % on %.% is refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Records are kept at least three years (PIPL art. 56) and never changed.';
END
$$;

CREATE TRIGGER access_record_no_update_or_delete
  BEFORE UPDATE OR DELETE ON access_record
  FOR EACH ROW EXECUTE FUNCTION refuse_access_record_change();

CREATE TRIGGER access_record_no_truncate
  BEFORE TRUNCATE ON access_record
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_access_record_change();

-- Where the connecting role is not a superuser, it loses the privileges too. A superuser or
-- the owner can still disable the triggers: the hash chain makes that visible (verify).
REVOKE UPDATE, DELETE, TRUNCATE ON access_record FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON access_record FROM CURRENT_USER;
