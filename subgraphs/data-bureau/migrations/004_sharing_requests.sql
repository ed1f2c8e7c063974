-- Sharing requests (《政务数据共享条例》 art. 20-29): a department's sharing agency applies for
-- another department's data; the provider replies within the working-day clock; an approval
-- becomes a grant in a policy revision. The request row is the current state; the events are
-- the record: append-only and hash-chained (sharing/events.ts).
CREATE SEQUENCE sharing_request_number;

CREATE TABLE sharing_request (
  number text PRIMARY KEY DEFAULT 'SHR' || lpad(nextval('sharing_request_number')::text, 8, '0'),
  requester text NOT NULL,
  requester_role text NOT NULL,
  requested_by text NOT NULL,
  provider text NOT NULL CHECK (provider <> requester),
  purpose text NOT NULL,
  legal_basis text NOT NULL CHECK (char_length(legal_basis) BETWEEN 1 AND 500),
  scenario text NOT NULL CHECK (char_length(scenario) BETWEEN 1 AND 2000),
  scope text NOT NULL CHECK (char_length(scope) BETWEEN 1 AND 2000),
  method text NOT NULL CHECK (method IN ('INTERFACE', 'BATCH', 'FILE')),
  period_end date NOT NULL,
  consent text NOT NULL CHECK (char_length(consent) BETWEEN 1 AND 200),
  -- [{ coordinate, access }]: what is asked; approved_fields: what the reply grants.
  fields jsonb NOT NULL,
  -- { Type: { field: value } }: the rows the grant is limited to.
  rows jsonb NOT NULL DEFAULT '{}',
  persons_per_official integer CHECK (persons_per_official > 0),
  sharing_class text NOT NULL CHECK (sharing_class IN ('UNCONDITIONAL', 'CONDITIONAL')),
  state text NOT NULL,
  submitted_at timestamptz NOT NULL,
  -- The day the clock started (submission, or the supplement) and the last day to reply.
  clock_start date NOT NULL,
  reply_due date NOT NULL,
  returned boolean NOT NULL DEFAULT false,
  missing jsonb,
  extension_days integer,
  extension_reason text,
  extension_decided boolean NOT NULL DEFAULT false,
  approved_fields jsonb,
  refusal_code text,
  refusal_explanation text,
  replied_at timestamptz,
  share_by date,
  grant_id text,
  revision integer,
  dispute_stage text,
  disposal_method text,
  updated_at timestamptz NOT NULL
);

CREATE INDEX sharing_request_requester_idx ON sharing_request (requester, state);
CREATE INDEX sharing_request_provider_idx ON sharing_request (provider, state, reply_due);

CREATE TABLE sharing_request_event (
  seq bigint PRIMARY KEY,
  number text NOT NULL REFERENCES sharing_request (number),
  kind text NOT NULL,
  actor text NOT NULL,
  actor_department text NOT NULL,
  at timestamptz NOT NULL,
  detail jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);

CREATE INDEX sharing_request_event_number_idx ON sharing_request_event (number, seq);

CREATE FUNCTION sharing_request_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'sharing_request_event is append-only: % refused', TG_OP;
END $$;

CREATE TRIGGER sharing_request_event_no_change BEFORE UPDATE OR DELETE ON sharing_request_event
  FOR EACH ROW EXECUTE FUNCTION sharing_request_event_append_only();
-- No TRUNCATE trigger: seeding a department empties its tables (the chain verifies from genesis).
