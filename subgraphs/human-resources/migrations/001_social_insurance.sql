-- One account per adult; the holder's employment status travels with it.
CREATE TABLE social_insurance_account (
  account_number text PRIMARY KEY,
  holder_id text NOT NULL UNIQUE,
  employment_status text NOT NULL CHECK (
    employment_status IN ('EMPLOYED', 'UNEMPLOYED', 'RETIRED', 'SELF_EMPLOYED')
  ),
  status text NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'TERMINATED')),
  monthly_contribution_base numeric NOT NULL CHECK (monthly_contribution_base >= 0),
  insured_since date NOT NULL,
  employer_uscc text
);

CREATE INDEX social_insurance_account_employer_idx
  ON social_insurance_account (employer_uscc) WHERE status = 'ACTIVE';

-- Every registered enterprise is an employer here, with or without insured staff.
CREATE TABLE employer (
  uscc text PRIMARY KEY,
  arrears_amount numeric NOT NULL CHECK (arrears_amount >= 0),
  arrears_months integer NOT NULL CHECK (arrears_months >= 0)
);
