-- Faster office search (docs/performance.md, "search"). The folded name keys of search_names become
-- words of their own in a tsvector, so that a name is found through a GIN lookup instead of computing
-- word_similarity against every case; the case number gets a trigram index for its ILIKE. Both are
-- derived in the database, so nothing changes where the application writes a case.
ALTER TABLE cases ADD COLUMN search_keys tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', search_names)) STORED;
CREATE INDEX cases_search_keys ON cases USING gin (search_keys);
CREATE INDEX cases_case_number_trgm ON cases USING gin (case_number gin_trgm_ops);
