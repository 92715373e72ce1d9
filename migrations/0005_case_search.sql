-- Full-text search of the office over cases: German stemming over unaccented text (case number,
-- names, reasons, file names), and folded name keys (src/domain/search/name-key.ts) with trigrams
-- for spellings that differ. Both are written by the application when a case is filed or changes.
ALTER TABLE cases ADD COLUMN search_text tsvector;
ALTER TABLE cases ADD COLUMN search_names text NOT NULL DEFAULT '';
CREATE INDEX cases_search_text ON cases USING gin (search_text);
CREATE INDEX cases_search_names ON cases USING gin (search_names gin_trgm_ops);
