import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { operationLimits } from './limits.js';

const schema = buildSchema(`type Query { node: Node } type Node { id: ID child: Node }`);
const check = (query: string) =>
  validate(schema, parse(query), [...specifiedRules, operationLimits({ maxDepth: 3, maxAliases: 2 })]).map(
    (e) => e.message,
  );

describe('operation limits', () => {
  it('accepts operations within depth and alias limits', () => {
    expect(check('{ node { child { id } } }')).toEqual([]);
  });

  it('counts depth through fragments, so they cannot hide nesting', () => {
    expect(check('{ node { ...F } } fragment F on Node { child { child { id } } }')).toEqual([
      'Operation is nested 4 levels deep; the limit is 3',
    ]);
  });

  it('counts aliases', () => {
    expect(check('{ a: node { id } b: node { id } c: node { id } }')).toEqual([
      'Operation uses 3 aliases; the limit is 2',
    ]);
  });
});
