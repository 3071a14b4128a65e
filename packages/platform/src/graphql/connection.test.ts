import { paginate } from './connection.js';

const items = Array.from({ length: 5 }, (_, i) => ({ id: `id-${i}` }));

describe('paginate', () => {
  it('pages forward with cursors until the end', () => {
    const first = paginate(items, { first: 2 });
    expect(first.nodes.map((n) => n.id)).toEqual(['id-0', 'id-1']);
    expect(first).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    const last = paginate(items, { first: 2, after: paginate(items, { first: 4 }).pageInfo.endCursor });
    expect(last.nodes.map((n) => n.id)).toEqual(['id-4']);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('pages by offset for dialects that count positions', () => {
    const page = paginate(items, { first: 2, offset: 3 });
    expect(page.nodes.map((n) => n.id)).toEqual(['id-3', 'id-4']);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(() => paginate(items, { offset: -1 })).toThrow(/offset must be 0 or more/);
  });

  it('rejects page sizes out of range and foreign cursors as validation errors', () => {
    expect(() => paginate(items, { first: 201 })).toThrow(/first must be between 0 and 200/);
    expect(() => paginate(items, { after: 'bm9wZQ' })).toThrow(/after is not a cursor/);
  });
});
