-- District codes and ID numbers are text, as in every other department. A character(n) column
-- compared with a text value (a `$1::text` parameter) is cast to text for the comparison, and
-- then its index cannot be used: the persons list read the whole table and sorted it.
ALTER TABLE person
  ALTER COLUMN district_code TYPE text,
  ALTER COLUMN id_number TYPE text,
  ADD CONSTRAINT person_district_code_format CHECK (district_code ~ '^[0-9]{6}$'),
  ADD CONSTRAINT person_id_number_format CHECK (id_number ~ '^[0-9]{17}[0-9X]$');

-- Changing a column's type drops its statistics: without them the planner guesses 0.5 % of the
-- table per district, and at a million persons reads the whole district to sort one page.
ANALYZE person;
