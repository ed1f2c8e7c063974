CREATE TABLE data_resource (
  code text PRIMARY KEY,
  name text NOT NULL,
  department_code text NOT NULL REFERENCES department (code),
  sharing_class text NOT NULL CHECK (sharing_class IN ('UNCONDITIONAL', 'CONDITIONAL', 'NONE')),
  update_frequency text NOT NULL CHECK (update_frequency IN ('REAL_TIME', 'DAILY', 'MONTHLY', 'YEARLY'))
);

CREATE INDEX data_resource_department_idx ON data_resource (department_code, code);
