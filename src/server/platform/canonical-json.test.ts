import { describe, expect, it } from 'vitest';
import { hashEvent } from './audit/audit-log.ts';
import { canonicalJson } from './canonical-json.ts';

// The bytes below were produced by the three encoders this one replaced (the audit chain's, the
// printed-data version's, the học bạ's): hashes already stored must stay verifiable.
describe('canonicalJson: the bytes every stored hash was made from', () => {
  it('writes primitives, arrays and objects exactly as before (keys sorted, undefined left out)', () => {
    const cases: [unknown, string][] = [
      [null, 'null'],
      [undefined, 'null'],
      [0, '0'],
      [-1.5, '-1.5'],
      ['a"\\é\u0001\n', '"a\\"\\\\é\\u0001\\n"'],
      [true, 'true'],
      [[], '[]'],
      [{}, '{}'],
      // eslint-disable-next-line no-sparse-arrays -- the hole is the point: written as nothing between commas
      [[1, undefined, , 'x', null], '[1,null,,"x",null]'],
      [{ b: undefined, é: 2, A: 1, a: [{ z: 'Z', y: [null] }] }, '{"A":1,"a":[{"y":[null],"z":"Z"}],"é":2}'],
      [new Date(0), '{}'],
      [{ n: Number.NaN, s: 'Nguyễn Văn A', inf: Number.POSITIVE_INFINITY, neg0: -0 }, '{"inf":null,"n":null,"neg0":0,"s":"Nguyễn Văn A"}'],
    ];
    for (const [value, bytes] of cases) expect(canonicalJson(value)).toBe(bytes);
  });

  it('gives the học bạ the same bytes under integersOnly, and refuses what is not an integer or not JSON', () => {
    const doc = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, s: 'Đức "8,5"', u: undefined, list: [10, -2, 'Giỏi'] };
    const bytes = '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1,"list":[10,-2,"Giỏi"],"s":"Đức \\"8,5\\""}';
    expect(canonicalJson(doc, { integersOnly: true })).toBe(bytes);
    expect(canonicalJson(doc)).toBe(bytes);
    expect(() => canonicalJson({ score: 8.5 }, { integersOnly: true })).toThrow(/not an integer/);
    expect(() => canonicalJson({ f: () => 1 }, { integersOnly: true })).toThrow(/cannot encode a function/);
    expect(canonicalJson({ score: 8.5 })).toBe('{"score":8.5}');
  });

  it('hashes an audit event to the value the chain stored before the encoders were merged', () => {
    const event = {
      id: 'e1', chain_key: 'school:s1', seq: 3, school_id: 's1', at: '2026-11-23T03:00:00.000Z', actor_user_id: 'u1',
      actor_role: 'principal', ip: '127.0.0.1', user_agent: 'test', request_id: 'r1', action: 'staff.updated',
      entity_type: 'staff', entity_id: 'st1', before_json: '{"a":1}', after_json: '{"a":2,"é":"Đức"}',
      prev_hash: 'a'.repeat(64), reason: null, source: 'web',
    };
    expect(hashEvent(event as unknown as Parameters<typeof hashEvent>[0])).toBe('d6ff37f47f417f32d6b51e0e4248a322dcb9fc8026e1eb6ac92d9ef5b4592e95');
  });
});
