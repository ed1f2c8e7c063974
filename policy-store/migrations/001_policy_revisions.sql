-- Policy revisions: the purpose catalogue and every grant, one canonical content per revision.
-- Append-only and hash-chained (one chain); replicas learn of a revision by NOTIFY and polling,
-- and acknowledge it. Runs with search_path set to the policy store's schema (migratePolicyStore).

CREATE TABLE policy_revision (
  revision       bigint      PRIMARY KEY CHECK (revision >= 1),
  parent         bigint      REFERENCES policy_revision (revision),
  -- canonical JSON of { purposes, grants } (sorted keys): the bytes content_sha256 covers.
  content        text        NOT NULL,
  content_sha256 char(64)    NOT NULL,
  cause          text        NOT NULL CHECK (cause IN ('import', 'sharing-request', 'suspension', 'rollback')),
  author         text        NOT NULL,
  note           text,
  created_at     timestamptz NOT NULL,
  effective_at   timestamptz,
  -- Urgent revisions (revocations) raise the watermark departments enforce.
  urgent         boolean     NOT NULL,
  -- The revision whose content a rollback restores.
  restores       bigint      REFERENCES policy_revision (revision),
  prev_hash      char(64)    NOT NULL,
  hash           char(64)    NOT NULL,
  CHECK ((revision = 1 AND parent IS NULL) OR parent = revision - 1)
);

-- Every replica's verdict on a revision it examined: live (serving it) or rejected (failed lint).
CREATE TABLE policy_ack (
  replica   text        NOT NULL,
  revision  bigint      NOT NULL REFERENCES policy_revision (revision),
  status    text        NOT NULL CHECK (status IN ('live', 'rejected')),
  acked_at  timestamptz NOT NULL,
  detail    text,
  PRIMARY KEY (replica, revision)
);

-- Each replica's latest confirmation that it has examined every revision (its lease runs from it).
-- A heartbeat, not a record: updated in place.
CREATE TABLE policy_replica (
  replica      text        PRIMARY KEY,
  revision     bigint      NOT NULL,
  confirmed_at timestamptz NOT NULL,
  lease_ms     integer     NOT NULL CHECK (lease_ms > 0),
  stopped_at   timestamptz
);

CREATE FUNCTION refuse_policy_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'policy revisions and acknowledgements are append-only: % on %.% is refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Change a policy by appending a revision (npm run policy -- import | suspend | rollback).';
END
$$;

CREATE TRIGGER policy_revision_append_only BEFORE UPDATE OR DELETE ON policy_revision
  FOR EACH ROW EXECUTE FUNCTION refuse_policy_change();
CREATE TRIGGER policy_revision_no_truncate BEFORE TRUNCATE ON policy_revision
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_policy_change();
CREATE TRIGGER policy_ack_append_only BEFORE UPDATE OR DELETE ON policy_ack
  FOR EACH ROW EXECUTE FUNCTION refuse_policy_change();
CREATE TRIGGER policy_ack_no_truncate BEFORE TRUNCATE ON policy_ack
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_policy_change();

CREATE FUNCTION notify_policy_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('policy_revision', NEW.revision::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER policy_revision_notify AFTER INSERT ON policy_revision
  FOR EACH ROW EXECUTE FUNCTION notify_policy_revision();

REVOKE UPDATE, DELETE, TRUNCATE ON policy_revision, policy_ack FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON policy_revision, policy_ack FROM CURRENT_USER;
