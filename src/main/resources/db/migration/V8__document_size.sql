-- Large files are hashed while they are parsed unless a document of the same size is registered
-- (ExtractionProcessor): that question is asked once per large file.
CREATE INDEX document_size ON document (size_bytes);
