-- Units an import found already held without an import of their own (brought by an alignment or
-- a package) and merged with: the import holds them too, so that replacing an alignment when its
-- documents change does not take them out of the memory.
CREATE TABLE tm_import_unit (
    import_id BIGINT NOT NULL REFERENCES tm_import (id),
    unit_id   BIGINT NOT NULL REFERENCES tm_unit (id),
    PRIMARY KEY (import_id, unit_id)
);
CREATE INDEX tm_import_unit_unit ON tm_import_unit (unit_id);
