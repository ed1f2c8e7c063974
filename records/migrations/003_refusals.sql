-- Refusals: every refused request leaves a record with the client's address and the reason
-- (a code, never a message, a token or a variable value). A refusal before any consumer could
-- be established is a security event: a record of consumer kind 'unidentified', in the same
-- chain, where identical events from one address within a second are one record with a count.

ALTER TABLE access_record
  ADD COLUMN client_address text,
  ADD COLUMN reason text CHECK (reason ~ '^[a-z0-9-]{1,64}$'),
  ADD COLUMN count integer NOT NULL DEFAULT 1 CHECK (count >= 1);

ALTER TABLE access_record DROP CONSTRAINT access_record_consumer_kind_check;
ALTER TABLE access_record ADD CONSTRAINT access_record_consumer_kind_check
  CHECK (consumer_kind IN ('official', 'citizen', 'anonymous', 'unidentified'));

-- Probing: refusals by reason, and everything from one address, newest first.
CREATE INDEX access_record_reason ON access_record (reason, occurred_at, id) WHERE reason IS NOT NULL;
CREATE INDEX access_record_client ON access_record (client_address, occurred_at, id);
