-- Data objections (数据异议): a consumer finds a shared value wrong; the department that owns
-- the field answers by the deadline. Raised through the graph, never seeded.
CREATE SEQUENCE objection_number;

CREATE TABLE objection (
  id text PRIMARY KEY DEFAULT 'OBJ' || lpad(nextval('objection_number')::text, 8, '0'),
  entity_type text NOT NULL,
  entity_key text NOT NULL CHECK (char_length(entity_key) BETWEEN 1 AND 100),
  -- Type.field, and the subgraph that owns it in the supergraph classification.
  coordinate text NOT NULL,
  owner_department text NOT NULL,
  raiser_id text NOT NULL,
  raiser_department text NOT NULL,
  raiser_role text NOT NULL,
  raiser_application text,
  purpose text NOT NULL,
  case_number text,
  reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
  proposed_value text CHECK (char_length(proposed_value) <= 500),
  raised_at timestamptz NOT NULL,
  -- The last day to answer, China Standard Time (objections/deadline.ts).
  deadline date NOT NULL,
  status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACCEPTED', 'REJECTED')),
  corrected_value text CHECK (char_length(corrected_value) <= 500),
  answer_reason text CHECK (char_length(answer_reason) <= 2000),
  answered_by text,
  answered_at timestamptz,
  -- An answer is complete or absent; a rejection says why, an acceptance gives the correction.
  CHECK ((status = 'OPEN') = (answered_by IS NULL AND answered_at IS NULL)),
  CHECK (status <> 'REJECTED' OR answer_reason IS NOT NULL),
  CHECK (status <> 'ACCEPTED' OR corrected_value IS NOT NULL)
);

CREATE INDEX objection_owner_idx ON objection (owner_department, status, deadline);
CREATE INDEX objection_raiser_idx ON objection (raiser_id, raised_at DESC);
