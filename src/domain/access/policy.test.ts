import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES } from '../case/actors.ts';
import { mayDo, maySeeDocument } from './policy.ts';

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

  it('only the office sees the statistics', () => {
    assert.deepEqual(
      ROLES.filter((r) => mayDo(r, 'view_statistics')),
      ['office_clerk', 'office_head'],
    );
  });
});
