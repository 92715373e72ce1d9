import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES } from '../case/actors.ts';
import { directionOf, incomingFor, MESSAGE_MAX_LENGTH, parseMessageBody } from './message.ts';

describe('message body', () => {
  it('is stored trimmed, with unified line breaks, without disguising characters, in NFC', () => {
    assert.deepEqual(parseMessageBody('  Guten Tag,\r\nwir haben\u202E eine Frage.\r  '), {
      ok: true,
      value: 'Guten Tag,\nwir haben eine Frage.',
    });
    assert.deepEqual(parseMessageBody('Mu\u0308ller'), { ok: true, value: 'Müller' });
    assert.deepEqual(parseMessageBody('سؤال'), { ok: true, value: 'سؤال' });
  });

  it('refuses empty, missing, too long and broken text with a code', () => {
    for (const raw of ['', ' \n\t ', '\u200B', undefined, 42, ['a']])
      assert.deepEqual(parseMessageBody(raw), { ok: false, error: 'empty' }, String(raw));
    assert.deepEqual(parseMessageBody('a'.repeat(MESSAGE_MAX_LENGTH + 1)), { ok: false, error: 'too_long' });
    assert.deepEqual(parseMessageBody('\uD83D'), { ok: false, error: 'broken' });
    assert.deepEqual(parseMessageBody('kaputt \uFFFD'), { ok: false, error: 'broken' });
  });

  it('counts characters, not UTF-16 units, and trims before counting', () => {
    assert.equal(parseMessageBody('😀'.repeat(MESSAGE_MAX_LENGTH)).ok, true);
    assert.equal(parseMessageBody(`  ${'a'.repeat(MESSAGE_MAX_LENGTH)}  `).ok, true);
  });
});

describe('who writes in which direction', () => {
  it('applicants and representatives write to the office, the office back; nobody else takes part', () => {
    assert.deepEqual(
      ROLES.map((r) => [r, directionOf(r)]),
      [
        ['applicant', 'from_applicant'],
        ['representative', 'from_applicant'],
        ['office_clerk', 'from_office'],
        ['office_head', 'from_office'],
        ['admin', null],
        ['member', null],
        ['authority', null],
        ['system', null],
      ],
    );
    assert.equal(incomingFor('from_applicant'), 'from_office');
    assert.equal(incomingFor('from_office'), 'from_applicant');
  });
});
