CREATE TABLE birth_certificate (
  certificate_number text PRIMARY KEY,
  child_id text NOT NULL UNIQUE,
  mother_id text NOT NULL,
  father_id text,
  birth_date date NOT NULL,
  gender text NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
  hospital text NOT NULL,
  weight_grams integer NOT NULL CHECK (weight_grams > 0),
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$')
);

CREATE INDEX birth_certificate_born_idx ON birth_certificate (birth_date DESC, certificate_number);
CREATE INDEX birth_certificate_district_idx
  ON birth_certificate (district_code, birth_date DESC, certificate_number);

CREATE TABLE vaccination (
  person_id text NOT NULL,
  vaccine text NOT NULL,
  dose integer NOT NULL CHECK (dose > 0),
  administered_on date NOT NULL,
  clinic text NOT NULL
);

CREATE INDEX vaccination_person_idx ON vaccination (person_id, administered_on);

CREATE TABLE medical_visit (
  person_id text NOT NULL,
  visited_on date NOT NULL,
  hospital text NOT NULL,
  diagnosis text NOT NULL
);

CREATE INDEX medical_visit_person_idx ON medical_visit (person_id, visited_on);
