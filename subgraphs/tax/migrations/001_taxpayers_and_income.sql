CREATE TABLE taxpayer (
  uscc text PRIMARY KEY,
  arrears numeric NOT NULL CHECK (arrears >= 0)
);

CREATE TABLE tax_credit_rating (
  uscc text NOT NULL REFERENCES taxpayer (uscc),
  year integer NOT NULL,
  level text NOT NULL CHECK (level IN ('A', 'B', 'M', 'C', 'D')),
  PRIMARY KEY (uscc, year)
);

CREATE INDEX tax_credit_rating_level_idx ON tax_credit_rating (year, level, uscc);

CREATE TABLE personal_income (
  person_id text NOT NULL,
  year integer NOT NULL,
  amount numeric NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (person_id, year)
);
