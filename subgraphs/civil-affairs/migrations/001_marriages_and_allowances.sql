CREATE TABLE marriage_record (
  registration_number text PRIMARY KEY,
  party_a_id text NOT NULL,
  party_b_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('MARRIAGE', 'DIVORCE')),
  registered_on date NOT NULL,
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$')
);

CREATE INDEX marriage_record_party_a_idx ON marriage_record (party_a_id);
CREATE INDEX marriage_record_party_b_idx ON marriage_record (party_b_id);

CREATE TABLE allowance (
  case_number text PRIMARY KEY,
  applicant_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('APPROVED', 'SUSPENDED', 'TERMINATED')),
  monthly_amount numeric(10, 2) NOT NULL CHECK (monthly_amount >= 0),
  household_size integer NOT NULL CHECK (household_size > 0),
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  approved_on date NOT NULL,
  review_due date NOT NULL
);

CREATE INDEX allowance_district_idx ON allowance (district_code, status, case_number);
CREATE INDEX allowance_status_idx ON allowance (status, case_number);

-- Civil affairs' own record of who the allowance covers (taken when the case was approved).
CREATE TABLE allowance_member (
  person_id text PRIMARY KEY,
  case_number text NOT NULL REFERENCES allowance (case_number)
);

CREATE INDEX allowance_member_case_idx ON allowance_member (case_number);
