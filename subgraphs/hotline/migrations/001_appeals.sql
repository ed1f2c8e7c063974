-- Declared in closed-loop order, so stages compare: stage >= 'CLOSED' means closed or later.
CREATE TYPE appeal_stage AS ENUM (
  'ACCEPTED', 'DISPATCHED', 'HANDLING', 'REPLIED', 'CLOSED', 'CALLED_BACK', 'RATED'
);

CREATE TABLE appeal (
  number text PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('PHONE', 'APP', 'WEB', 'WECHAT')),
  category text NOT NULL
    CHECK (category IN ('COMPLAINT', 'REQUEST', 'CONSULTATION', 'SUGGESTION', 'REPORT')),
  subject text NOT NULL,
  content text NOT NULL,
  submitter_id text NOT NULL,
  contact_name text NOT NULL,
  contact_phone text NOT NULL,
  enterprise_uscc text,
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  assigned_to text NOT NULL,
  submitted_at timestamptz NOT NULL,
  -- The stage of the last timeline event, kept with the appeal so lists filter and count on it.
  status appeal_stage NOT NULL,
  satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5)
);

CREATE INDEX appeal_submitter_idx ON appeal (submitter_id, submitted_at DESC);
CREATE INDEX appeal_enterprise_idx ON appeal (enterprise_uscc, submitted_at DESC, number DESC);
CREATE INDEX appeal_assigned_idx ON appeal (assigned_to, submitted_at DESC, number DESC);
CREATE INDEX appeal_district_idx ON appeal (district_code, submitted_at DESC, number DESC);
CREATE INDEX appeal_status_idx ON appeal (status, submitted_at DESC, number DESC);
CREATE INDEX appeal_submitted_idx ON appeal (submitted_at DESC, number DESC);

CREATE TABLE appeal_event (
  appeal_number text NOT NULL REFERENCES appeal (number),
  seq integer NOT NULL,
  stage appeal_stage NOT NULL,
  at timestamptz NOT NULL,
  department_code text NOT NULL,
  note text NOT NULL,
  PRIMARY KEY (appeal_number, seq)
);
