CREATE TABLE department (
  code text PRIMARY KEY,
  name text NOT NULL,
  name_en text NOT NULL,
  level text NOT NULL CHECK (level IN ('MUNICIPAL', 'DISTRICT')),
  district_code text NOT NULL,
  subgraph text,
  parent_code text REFERENCES department (code)
);

CREATE INDEX department_district_idx ON department (district_code, code);
CREATE INDEX department_level_idx ON department (level, code);
