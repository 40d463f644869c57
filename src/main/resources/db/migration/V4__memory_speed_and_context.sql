-- Segments and metadata as VARCHAR: H2 keeps them in the row (CLOBs over a few hundred characters
-- went to separate LOB storage, the main cost of an import). 1,000,000 characters is H2's limit;
-- an import refuses longer segments with a message.
ALTER TABLE tm_variant ALTER COLUMN segment_xml SET DATA TYPE VARCHAR(1000000);
ALTER TABLE tm_variant ALTER COLUMN plain_text SET DATA TYPE VARCHAR(1000000);
ALTER TABLE tm_variant ALTER COLUMN metadata SET DATA TYPE VARCHAR(1000000);
ALTER TABLE tm_unit ALTER COLUMN metadata SET DATA TYPE VARCHAR(1000000);
-- Keys as VARCHAR: H2 does not use an index for IN (...) lists over CHAR columns.
ALTER TABLE tm_unit ALTER COLUMN unit_key SET DATA TYPE VARCHAR(64);
ALTER TABLE tm_variant ALTER COLUMN text_key SET DATA TYPE VARCHAR(64);

-- Undoing an unfinished import finds its units by import.
CREATE INDEX tm_unit_import ON tm_unit (import_id);

-- In-context matches: the keys (SHA-256 of the whitespace-collapsed plain text) of the segments
-- before and after the variant's segment in its document; the key of '' at a document's start
-- or end. NULL when the context is unknown.
ALTER TABLE tm_variant ADD COLUMN context_before VARCHAR(64);
ALTER TABLE tm_variant ADD COLUMN context_after VARCHAR(64);

-- Text first: H2 uses an index for "text_key IN (...)" only when it is the index's first column.
DROP INDEX tm_variant_text;
CREATE INDEX tm_variant_text ON tm_variant (text_key, base_language);

-- H2 commits each time an identity runs out of its cached values (32 by default): a commit per 32
-- rows made most of an import's time. A crash only leaves a gap in the ids.
ALTER TABLE tm_unit ALTER COLUMN id SET CACHE 10000;
ALTER TABLE tm_variant ALTER COLUMN id SET CACHE 10000;
