-- Format 3: each record names the policy revision its request was pinned to (null: the policy
-- files, or a refusal before admission), and each field the grant that opened it (in `fields`).

ALTER TABLE access_record ADD COLUMN policy_revision bigint CHECK (policy_revision >= 0);

-- "What was disclosed under revision N": every record pinned to it.
CREATE INDEX access_record_policy_revision ON access_record (policy_revision, occurred_at, id)
  WHERE policy_revision IS NOT NULL;
