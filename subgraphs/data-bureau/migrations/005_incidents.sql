-- Oversight (issue 16): the directory of officials the household rule joins, the incidents the
-- anomaly rules raise and citizens' challenges of a disclosure, their comments, and the runner's
-- state. Incidents are raised by the runner or through the graph, never seeded.

-- Officials of the city's departments, who are also residents (fixtures/city/officials.ts).
CREATE TABLE official (
  id text PRIMARY KEY,
  department text NOT NULL,
  role text NOT NULL,
  person_id text NOT NULL,
  -- Everyone in the official's registered household, the official included.
  household text[] NOT NULL
);

CREATE SEQUENCE incident_number;

CREATE TABLE incident (
  id text PRIMARY KEY DEFAULT 'INC' || lpad(nextval('incident_number')::text, 8, '0'),
  kind text NOT NULL CHECK (kind IN ('ANOMALY', 'CHALLENGE')),
  -- The rule (policies/anomalies.yaml) or 'citizen-challenge', its parameters when raised.
  rule text NOT NULL,
  parameters jsonb NOT NULL,
  -- Access record ids, and the persons those records disclosed.
  evidence uuid[] NOT NULL CHECK (cardinality(evidence) >= 1),
  subjects text[] NOT NULL,
  explanation text NOT NULL CHECK (char_length(explanation) BETWEEN 1 AND 1000),
  official text,
  -- The department concerned (the official's; for a challenge, the department that read the data).
  department text,
  status text NOT NULL DEFAULT 'NEW'
    CHECK (status IN ('NEW', 'TRIAGED', 'CONFIRMED', 'DISMISSED', 'CLOSED')),
  status_reason text CHECK (char_length(status_reason) <= 2000),
  assignee text,
  raised_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- The same pattern in the same window is one incident, whichever replica saw it first.
  dedupe_key text NOT NULL UNIQUE,
  -- Citizens' challenges (人民评议): who, why, by when, the answer and its rating.
  challenger text,
  challenge_reason text CHECK (char_length(challenge_reason) <= 500),
  deadline date,
  reply text CHECK (char_length(reply) <= 2000),
  replied_by text,
  replied_at timestamptz,
  -- The answer's finding: the read was not justified (CONFIRMED) or was (DISMISSED).
  finding text CHECK (finding IN ('CONFIRMED', 'DISMISSED')),
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  rating_comment text CHECK (char_length(rating_comment) <= 500),
  rated_at timestamptz,
  CHECK ((kind = 'CHALLENGE') = (challenger IS NOT NULL AND deadline IS NOT NULL)),
  CHECK (status NOT IN ('CONFIRMED', 'DISMISSED') OR status_reason IS NOT NULL),
  CHECK ((finding IS NULL) = (replied_at IS NULL)),
  CHECK (rating IS NULL OR replied_at IS NOT NULL)
);

CREATE INDEX incident_inbox_idx ON incident (department, status, raised_at DESC);
CREATE INDEX incident_challenger_idx ON incident (challenger, raised_at DESC);

CREATE TABLE incident_comment (
  incident_id text NOT NULL REFERENCES incident (id),
  at timestamptz NOT NULL DEFAULT now(),
  author text NOT NULL,
  text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000)
);

CREATE INDEX incident_comment_idx ON incident_comment (incident_id, at);

-- The runner's last completed run (one row), for /readyz-style questions and the console.
CREATE TABLE anomaly_run (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  finished_at timestamptz NOT NULL,
  records integer NOT NULL,
  raised integer NOT NULL
);
