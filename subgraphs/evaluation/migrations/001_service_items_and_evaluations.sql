CREATE TABLE service_item (
  code text PRIMARY KEY,
  name text NOT NULL,
  department_code text NOT NULL,
  category text NOT NULL
    CHECK (category IN ('ADMINISTRATIVE_LICENSING', 'PUBLIC_SERVICE', 'ADMINISTRATIVE_CONFIRMATION', 'OTHER')),
  online_available boolean NOT NULL,
  promised_days integer NOT NULL CHECK (promised_days >= 0)
);

CREATE INDEX service_item_department_idx ON service_item (department_code, code);

CREATE TABLE evaluation (
  id text PRIMARY KEY,
  service_item_code text NOT NULL REFERENCES service_item (code),
  evaluator_id text NOT NULL,
  level text NOT NULL
    CHECK (level IN ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED')),
  comment text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('ONSITE', 'APP', 'WEB', 'SMS')),
  rated_at timestamptz NOT NULL,
  -- Poor ratings only: the 15-working-day rectification deadline and when it was done.
  due_by date,
  rectified_at timestamptz,
  CHECK (due_by IS NOT NULL OR rectified_at IS NULL)
);

CREATE INDEX evaluation_service_item_idx ON evaluation (service_item_code, rated_at DESC, id DESC);
CREATE INDEX evaluation_evaluator_idx ON evaluation (evaluator_id, rated_at DESC, id DESC);
