import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { group, list, single, unflatten } from './form-body.ts';

describe('unflatten', () => {
  it('nests dotted names', () => {
    assert.deepEqual(unflatten({ 'a.b.c': '1', 'a.b.d': '2', e: ['x', 'y'] }), {
      a: { b: { c: '1', d: '2' } },
      e: ['x', 'y'],
    });
  });

  it('never touches Object.prototype', () => {
    const out = unflatten({
      '__proto__.polluted': 'yes',
      'constructor.prototype.polluted': 'yes',
      'a.__proto__': 'x',
    });
    assert.deepEqual(out, {});
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('drops names that are too deep, odd or not strings', () => {
    assert.deepEqual(unflatten({ 'a.b.c.d.e.f.g.h.i': '1', 'a b': '1', 'a..b': '1', n: 5 }), {});
  });

  it('never throws and yields only strings, string lists and objects', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ maxLength: 30 }),
          fc.oneof(fc.string(), fc.array(fc.string()), fc.integer()),
        ),
        (body) => {
          const walk = (v: unknown): boolean =>
            typeof v === 'string' ||
            (Array.isArray(v) && v.every((x) => typeof x === 'string')) ||
            (typeof v === 'object' && v !== null && Object.values(v).every(walk));
          assert.ok(walk(unflatten(body)));
        },
      ),
    );
  });

  it('reads single values, lists and groups', () => {
    assert.equal(single(['a', 'b']), 'b');
    assert.deepEqual(list('a'), ['a']);
    assert.deepEqual(list(''), []);
    assert.deepEqual(group('x'), {});
  });
});
