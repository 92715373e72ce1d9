import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES } from '../case/actors.ts';
import { authorityMaySeeDocument, mayDo, maySeeDocument } from './policy.ts';

describe('access policy', () => {
  it('only the office lists cases and opens case files', () => {
    const allowed = ROLES.filter((r) => mayDo(r, 'view_case_file'));
    assert.deepEqual(allowed, ['office_clerk', 'office_head']);
    assert.equal(mayDo('admin', 'list_cases'), false, 'administrators manage accounts, not cases');
    assert.equal(mayDo('applicant', 'download_document'), false);
  });

  it('only the office writes messages to applicants', () => {
    assert.deepEqual(
      ROLES.filter((r) => mayDo(r, 'write_message')),
      ['office_clerk', 'office_head'],
    );
  });

  it('special categories need their own right', () => {
    for (const role of ROLES) {
      if (!mayDo(role, 'view_special_category'))
        assert.equal(maySeeDocument(role, { specialCategory: true }), false, role);
    }
    assert.equal(maySeeDocument('office_clerk', { specialCategory: true }), true);
    assert.equal(maySeeDocument('member', { specialCategory: false }), false);
  });

  it('the office runs sessions, only its head approves minutes, administrators appoint members', () => {
    assert.deepEqual(
      ROLES.filter((r) => mayDo(r, 'run_sessions')),
      ['office_clerk', 'office_head'],
    );
    assert.deepEqual(
      ROLES.filter((r) => mayDo(r, 'approve_minutes')),
      ['office_head'],
    );
    assert.deepEqual(
      ROLES.filter((r) => mayDo(r, 'administer_commission')),
      ['admin'],
    );
    assert.equal(mayDo('member', 'run_sessions'), false, 'members do not reach the office pages');
  });
  it('the authority portal belongs to the authority alone, and shows no special category, receipt or applicant letter', () => {
    assert.deepEqual(
      ROLES.filter((r) => mayDo(r, 'use_authority_portal')),
      ['authority'],
    );
    assert.equal(mayDo('authority', 'view_case_file'), false, 'not the case file of the office');
    const doc = (category: string, specialCategory = false, letterAddressee: string | null = null) =>
      authorityMaySeeDocument({ category, specialCategory, letterAddressee });
    assert.equal(doc('application_copy'), true);
    assert.equal(doc('application_letter'), true);
    assert.equal(doc('authority_statement'), true);
    assert.equal(doc('school'), true);
    assert.equal(doc('medical_report', true), false);
    assert.equal(doc('medical_report', false), false, 'the category decides even without the flag');
    assert.equal(doc('criminal_records'), false);
    assert.equal(doc('medical_release'), false);
    assert.equal(doc('support_letters', true), false, 'the flag decides even for an ordinary category');
    assert.equal(doc('letter', false, 'authority'), true);
    assert.equal(doc('letter', false, 'applicant'), false);
    assert.equal(doc('letter', false, 'representative'), false);
    assert.equal(doc('letter'), false);
    assert.equal(doc('receipt'), false);
    assert.equal(doc('correspondence'), false);
    assert.equal(doc('something_new'), false, 'unknown kinds stay hidden');
  });

  it('only the office sees the statistics', () => {
    assert.deepEqual(
      ROLES.filter((r) => mayDo(r, 'view_statistics')),
      ['office_clerk', 'office_head'],
    );
  });
});
