-- The document register. One row per distinct document (by content); its locations below.
CREATE TABLE document (
    id                  VARCHAR(32)   NOT NULL PRIMARY KEY,
    sha256              CHAR(64)      NOT NULL,
    state               VARCHAR(10)   NOT NULL,   -- PRESENT or GONE
    status              VARCHAR(20)   NOT NULL,   -- extraction status (ExtractionStatus)
    status_message      VARCHAR(2000),
    media_type          VARCHAR(200),
    title               VARCHAR(1000),
    author              VARCHAR(1000),
    pages               INTEGER,
    words               INTEGER,
    size_bytes          BIGINT        NOT NULL,
    text_chars          INTEGER       NOT NULL,
    truncated           BOOLEAN       NOT NULL,
    ocr                 BOOLEAN       NOT NULL,
    language            VARCHAR(20)   NOT NULL,
    language_confidence DOUBLE PRECISION NOT NULL,
    language_shares     VARCHAR(500)  NOT NULL,   -- e.g. "en=0.63;es=0.37"
    created_at          TIMESTAMP WITH TIME ZONE,  -- from the document's own metadata
    modified_at         TIMESTAMP WITH TIME ZONE,
    first_seen          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_changed        TIMESTAMP WITH TIME ZONE NOT NULL,
    gone_since          TIMESTAMP WITH TIME ZONE,
    version             INTEGER       NOT NULL
);
CREATE UNIQUE INDEX document_sha256 ON document (sha256);

-- Extracted text, kept for the later stages (segmentation, alignment, search).
CREATE TABLE document_text (
    document_id VARCHAR(32) NOT NULL PRIMARY KEY REFERENCES document (id),
    content     CLOB        NOT NULL
);

-- Every place a document was found at. A location whose source could not read it has no document.
CREATE TABLE document_location (
    location              VARCHAR(4000) NOT NULL PRIMARY KEY,
    source_name           VARCHAR(200)  NOT NULL,
    owner                 VARCHAR(20)   NOT NULL,
    owner_name            VARCHAR(500),
    tags                  VARCHAR(1000),
    content_path          VARCHAR(4000),
    fingerprint           VARCHAR(200),
    size_bytes            BIGINT,
    modified_at           TIMESTAMP WITH TIME ZONE,
    extracted_fingerprint VARCHAR(200),
    document_id           VARCHAR(32) REFERENCES document (id),
    state                 VARCHAR(10)   NOT NULL,   -- PRESENT, FAILED (could not be read) or GONE
    failure               VARCHAR(2000),
    first_seen            TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen             TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_run         BIGINT        NOT NULL,
    gone_since            TIMESTAMP WITH TIME ZONE
);
CREATE INDEX document_location_document ON document_location (document_id);
CREATE INDEX document_location_run ON document_location (last_seen_run);

-- One row per pipeline run: the figures its summary prints.
CREATE TABLE inventory_run (
    run_id        BIGINT      NOT NULL PRIMARY KEY,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    found         INTEGER     NOT NULL DEFAULT 0,
    unreadable    INTEGER     NOT NULL DEFAULT 0,
    parsed        INTEGER     NOT NULL DEFAULT 0,
    new_documents INTEGER     NOT NULL DEFAULT 0,
    changed       INTEGER     NOT NULL DEFAULT 0,
    gone          INTEGER     NOT NULL DEFAULT 0,
    failed_sources VARCHAR(2000)
);
