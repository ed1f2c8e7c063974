-- Delayed disclosure: records tied to an open investigation are hidden from the persons they
-- concern until a date. A hold names one record, or a case number (every record stating that
-- case, past and future). Holds are appended, never changed: a later hold with a later date
-- extends the delay; the latest date of the holds that match a record is the one that counts.

CREATE TABLE disclosure_hold (
  id                 uuid        PRIMARY KEY,
  record_id          uuid,
  case_number        text,
  hidden_until       timestamptz NOT NULL,
  reason             text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  set_by             text        NOT NULL,
  set_by_department  text,
  set_at             timestamptz NOT NULL DEFAULT now(),
  CHECK ((record_id IS NULL) <> (case_number IS NULL))
);

CREATE INDEX disclosure_hold_record ON disclosure_hold (record_id) WHERE record_id IS NOT NULL;
CREATE INDEX disclosure_hold_case ON disclosure_hold (case_number) WHERE case_number IS NOT NULL;

CREATE TRIGGER disclosure_hold_no_update_or_delete
  BEFORE UPDATE OR DELETE ON disclosure_hold
  FOR EACH ROW EXECUTE FUNCTION refuse_access_record_change();

CREATE TRIGGER disclosure_hold_no_truncate
  BEFORE TRUNCATE ON disclosure_hold
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_access_record_change();

REVOKE UPDATE, DELETE, TRUNCATE ON disclosure_hold FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON disclosure_hold FROM CURRENT_USER;
