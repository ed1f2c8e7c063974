CREATE TABLE enterprise (
  uscc text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (
    kind IN ('LIMITED_LIABILITY', 'JOINT_STOCK', 'SOLE_PROPRIETORSHIP', 'PARTNERSHIP', 'INDIVIDUAL_BUSINESS')
  ),
  status text NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED', 'CANCELLED')),
  registered_capital numeric NOT NULL CHECK (registered_capital >= 0),
  established_on date NOT NULL,
  district_code text NOT NULL,
  address text NOT NULL,
  business_scope text NOT NULL,
  legal_representative_id text NOT NULL
);

CREATE INDEX enterprise_legal_representative_idx ON enterprise (legal_representative_id, uscc);
CREATE INDEX enterprise_district_idx ON enterprise (district_code, uscc);
CREATE INDEX enterprise_status_idx ON enterprise (status, uscc);

CREATE TABLE penalty (
  decision_number text PRIMARY KEY,
  enterprise_uscc text NOT NULL REFERENCES enterprise (uscc),
  decided_on date NOT NULL,
  reason text NOT NULL,
  amount numeric NOT NULL CHECK (amount >= 0),
  authority_code text NOT NULL
);

CREATE INDEX penalty_enterprise_idx ON penalty (enterprise_uscc, decided_on DESC);
