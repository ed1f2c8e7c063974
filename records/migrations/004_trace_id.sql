-- The trace of an operation: when tracing is on, its record names the W3C trace id, so an
-- operator can go from a record to the spans of the gateway and the departments it called.
-- Hashed from record format 3 on; earlier records keep their format and a null trace id.

ALTER TABLE access_record
  ADD COLUMN trace_id text CHECK (trace_id ~ '^[0-9a-f]{32}$');
