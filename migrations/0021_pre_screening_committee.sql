-- The optional pre-screening committee (Vorprüfungsausschuss, § 3 HFKVO NRW): the chair plus members
-- of the commission who also sit on it for their term. Only members, never deputies.
ALTER TABLE commission_memberships ADD COLUMN pre_screening boolean NOT NULL DEFAULT false;
ALTER TABLE commission_memberships
  ADD CONSTRAINT commission_memberships_pre_screening_members CHECK (NOT pre_screening OR function = 'member');
