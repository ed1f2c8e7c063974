CREATE TABLE household (
  id text PRIMARY KEY,
  district_code text NOT NULL,
  address text NOT NULL,
  head_id text NOT NULL,
  size integer NOT NULL CHECK (size > 0)
);

CREATE TABLE person (
  id text PRIMARY KEY,
  id_number char(18) NOT NULL UNIQUE,
  name text NOT NULL,
  gender text NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
  birth_date date NOT NULL,
  ethnicity text NOT NULL,
  district_code char(6) NOT NULL,
  address text NOT NULL,
  mobile text,
  household_id text NOT NULL REFERENCES household (id),
  relation_to_head text NOT NULL
);

CREATE INDEX person_household_idx ON person (household_id);
CREATE INDEX person_district_idx ON person (district_code, id);
