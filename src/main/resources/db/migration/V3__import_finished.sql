-- An import commits in batches; until it is finished its units can be rolled back
-- (a killed import is undone by the next one).
ALTER TABLE tm_import ADD COLUMN finished BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE tm_import SET finished = TRUE;
