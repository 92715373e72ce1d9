-- The office's case list is newest first, with or without a search (docs/performance.md, "search").
-- Without an index on that order every list and every search sorted all matching cases; with it the
-- planner can walk the newest cases and stop after one page when a search matches many of them.
CREATE INDEX cases_newest_first ON cases (received_at DESC, case_number DESC);
