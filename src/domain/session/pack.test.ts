import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  choicesFromForm,
  excerpt,
  invitedTo,
  type PackDocument,
  packAvailable,
  packAvailableThrough,
  packParts,
  selectableForPack,
} from './pack.ts';

const doc = (id: string, category: string, specialCategory = false, day = 1): PackDocument => ({
  id,
  category,
  specialCategory,
  createdAt: new Date(`2027-01-${String(day).padStart(2, '0')}T10:00:00Z`),
});

const documents = [
  doc('school', 'school', false, 3),
  doc('copy', 'application_copy', false, 1),
  doc('receipt', 'receipt', false, 1),
  doc('letter', 'letter', false, 2),
  doc('statement', 'authority_statement', false, 5),
  doc('medical', 'medical_report', true, 4),
  doc('crime', 'criminal_records', true, 4),
  doc('work', 'work', false, 2),
];

describe('who sees a session', () => {
  const memberships = [
    { userId: 'u1', termFrom: '2027-01-01', termTo: '2027-06-30' },
    { userId: 'u2', termFrom: '2027-07-01', termTo: '2028-12-31' },
  ];
  it('an appointed member once the office has invited', () => {
    const session = { day: '2027-03-10', invitedAt: new Date('2027-02-01T10:00:00Z') };
    assert.equal(invitedTo(session, memberships, 'u1'), true);
    assert.equal(invitedTo(session, memberships, 'u2'), false, 'term starts later');
    assert.equal(invitedTo(session, memberships, 'u3'), false, 'not appointed');
    assert.equal(invitedTo({ ...session, invitedAt: null }, memberships, 'u1'), false, 'not invited yet');
  });
});

describe('availability of the pack', () => {
  it('runs through the configured number of days after the session day', () => {
    assert.equal(packAvailableThrough('2027-03-10', 7), '2027-03-17');
    assert.equal(packAvailableThrough('2027-12-30', 7), '2028-01-06');
    assert.equal(packAvailable('2027-03-10', '2027-03-01', 7), true, 'before the session');
    assert.equal(packAvailable('2027-03-10', '2027-03-17', 7), true, 'the last day');
    assert.equal(packAvailable('2027-03-10', '2027-03-18', 7), false, 'the day after');
    assert.equal(packAvailable('2027-03-10', '2027-03-10', 0), true, '0: the session day only');
    assert.equal(packAvailable('2027-03-10', '2027-03-11', 0), false);
  });
});

describe('the parts of a case in the pack', () => {
  it('application and statement always; evidence as selected; special categories only when included', () => {
    const parts = packParts(documents, [
      { documentId: 'school', specialIncluded: false },
      { documentId: 'work', specialIncluded: false },
      { documentId: 'medical', specialIncluded: true },
      // Selected but not explicitly included as special: stays out.
      { documentId: 'crime', specialIncluded: false },
      // The receipt and letters never go in, even if a row names them.
      { documentId: 'receipt', specialIncluded: false },
    ]);
    assert.deepEqual(
      parts.map((p) => [p.kind, p.document.id]),
      [
        ['application', 'copy'],
        ['statement', 'statement'],
        ['evidence', 'work'],
        ['evidence', 'school'],
        ['evidence', 'medical'],
      ],
    );
  });

  it('nothing selected: only the application and the statement', () => {
    assert.deepEqual(
      packParts(documents, []).map((p) => p.document.id),
      ['copy', 'statement'],
    );
  });

  it('the office chooses among the evidence; a special document only from its own group', () => {
    assert.deepEqual(
      selectableForPack(documents).map((d) => d.id),
      ['school', 'medical', 'crime', 'work'],
    );
    assert.deepEqual(
      choicesFromForm(documents, ['school', 'medical', 'copy', 'elsewhere'], ['crime', 'work']),
      [
        { documentId: 'school', specialIncluded: false },
        { documentId: 'crime', specialIncluded: true },
      ],
    );
  });
});

describe('excerpt', () => {
  it('keeps short texts, cuts long ones at a word', () => {
    assert.equal(excerpt('  Die Familie\n lebt hier. '), 'Die Familie lebt hier.');
    const long = 'Wort '.repeat(200);
    const cut = excerpt(long, 100);
    assert.ok(cut.length <= 102 && cut.endsWith(' …'), cut);
    assert.ok(!cut.includes('Wor …'));
  });
});
