-- The session pack: the evidence the office selects per agenda item for the members' pack. The
-- application and the authority's statement always go in; other documents only when selected here, and
-- documents of special categories (health, criminal records) only with `special_included` set, i.e. when
-- the office ticked them in their own, separately marked group. Forward only; PostgreSQL 15 and PGlite.

CREATE TABLE session_pack_documents (
  session_id uuid NOT NULL REFERENCES commission_sessions (id) ON DELETE CASCADE,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  -- The explicit inclusion of a health or criminal-record document; false for every other document.
  special_included boolean NOT NULL DEFAULT false,
  selected_by uuid REFERENCES users (id),
  selected_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, case_id, document_id),
  FOREIGN KEY (session_id, case_id) REFERENCES session_agenda_items (session_id, case_id) ON DELETE CASCADE
);
CREATE INDEX session_pack_documents_case ON session_pack_documents (case_id);
CREATE INDEX session_pack_documents_document ON session_pack_documents (document_id);
