-- Format 5: each record names the trusted document its operation ran (the SHA-256 id of its
-- application's manifest entry); null when the document was not in the manifest, or the request
-- was refused before its document was read. Earlier records keep their format and a null id.

ALTER TABLE access_record
  ADD COLUMN document_id text CHECK (document_id ~ '^[0-9a-f]{64}$');
