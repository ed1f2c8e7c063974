-- The sharing requests' events are the record (《政务数据共享条例》 art. 29): append-only, even for
-- an insider holding the data bureau's runtime role, as the access records are. Changing,
-- removing or emptying them raises, for every role; the owner alone can disable the triggers
-- (the seed does, to empty a demo city's tables before loading another), and the hash chain
-- shows any change made that way (sharingEventChain).
CREATE OR REPLACE FUNCTION sharing_request_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'sharing request events are append-only: % on %.% is refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'A request changes by a new step (an appended event); usage records are kept at least three years (art. 29).';
END $$;

CREATE TRIGGER sharing_request_event_no_truncate BEFORE TRUNCATE ON sharing_request_event
  FOR EACH STATEMENT EXECUTE FUNCTION sharing_request_event_append_only();

-- The kit reads this comment: the runtime role is granted SELECT and INSERT here, nothing else
-- (kit/append-only.ts).
COMMENT ON TABLE sharing_request_event IS
  'append-only: the hash-chained events of the sharing requests (sharing/events.ts)';

REVOKE UPDATE, DELETE, TRUNCATE ON sharing_request_event FROM PUBLIC;
REVOKE UPDATE, DELETE ON sharing_request_event FROM CURRENT_USER;
