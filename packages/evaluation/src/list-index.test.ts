import { listIncludes, listSome } from './list-index.js';
import { looseEquals } from './operators/operands.js';

// Long lists are answered from an index; the answers must be those of a plain scan.
describe('list indexes', () => {
  const members: unknown[] = [
    ...Array.from({ length: 40 }, (_, i) => `user-${i}`),
    42,
    '7.50',
    true,
    'FALSE',
    null,
    { nested: 1 },
  ];
  const candidates: unknown[] = [
    'user-3',
    'user-99',
    '42',
    42,
    '42.0',
    7.5,
    'true',
    'True',
    false,
    'false',
    null,
    'nested',
  ];

  it.each(candidates.map((candidate) => [JSON.stringify(candidate), candidate]))(
    'loose membership of %s equals a scan',
    (_, candidate) => {
      expect(listSome(members, candidate, looseEquals)).toBe(members.some((m) => looseEquals(candidate, m)));
    },
  );

  it('finds keys in long and short lists, and answers again from the same list', () => {
    expect(listIncludes(members, 'user-39')).toBe(true);
    expect(listIncludes(members, 'user-40')).toBe(false);
    expect(listIncludes(members, 'user-39')).toBe(true);
    expect(listIncludes(['a', 'b'], 'b')).toBe(true);
  });
});
