import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialSnapshot, receive } from './decide.ts';

const clerk = { role: 'office_clerk' as const, id: 'u1' };
const at = '2026-12-01T10:00:00.000Z';

describe('receive with a stamp date', () => {
  it('a letter keeps the day it arrived', () => {
    const r = receive(
      { type: 'receive', caseId: 'c1', channel: 'post', receivedAt: '2026-11-27T11:00:00.000Z' },
      clerk,
      at,
    );
    assert.ok(r.ok);
    const [event] = r.events;
    assert.ok(event);
    assert.equal(initialSnapshot(event).receivedAt, '2026-11-27T11:00:00.000Z');
    assert.equal(initialSnapshot(event).updatedAt, at);
  });
  it('refuses a stamp in the future, and any stamp online', () => {
    for (const command of [
      {
        type: 'receive' as const,
        caseId: 'c1',
        channel: 'fax' as const,
        receivedAt: '2026-12-02T10:00:00.000Z',
      },
      {
        type: 'receive' as const,
        caseId: 'c1',
        channel: 'online' as const,
        receivedAt: '2026-11-30T10:00:00.000Z',
      },
    ]) {
      const r = receive(command, clerk, at);
      assert.equal(r.ok, false);
      if (!r.ok) assert.equal(r.error.code, 'received_at_not_allowed');
    }
  });
  it('without a stamp the receipt is the moment of registration', () => {
    const r = receive({ type: 'receive', caseId: 'c1', channel: 'email' }, clerk, at);
    assert.ok(r.ok);
    assert.equal(initialSnapshot(r.events[0] as never).receivedAt, at);
  });
});
