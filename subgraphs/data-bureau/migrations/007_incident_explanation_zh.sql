-- Each incident's explanation in Chinese too (issue 16): the console shows the Chinese sentence,
-- the English stays beside it. Incidents raised before this have none (null).
ALTER TABLE incident
  ADD COLUMN explanation_zh text CHECK (char_length(explanation_zh) BETWEEN 1 AND 1000);
