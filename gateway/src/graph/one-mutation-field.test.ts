import { buildSchema, parse, validate } from 'graphql';
import { oneMutationField } from './one-mutation-field.js';

const schema = buildSchema(`
  type Query { a: Int }
  type Mutation { create(key: String): Int, remove(key: String): Int }
`);
const errors = (source: string) => validate(schema, parse(source), [oneMutationField]).map((e) => e.message);

describe('oneMutationField', () => {
  it('passes a mutation of one root field, with __typename beside it', () => {
    expect(errors('mutation { create(key: "a") __typename }')).toEqual([]);
  });

  it('passes queries of many root fields', () => {
    expect(errors('{ a b: a }')).toEqual([]);
  });

  it('refuses two root fields, aliased or behind fragments', () => {
    expect(errors('mutation { a: create(key: "a") b: create(key: "b") }')).toEqual([
      expect.stringMatching(/one root field; this one selects 2 \(a, b\)/),
    ]);
    expect(
      errors('mutation { create ...More } fragment More on Mutation { ... on Mutation { remove } }'),
    ).toHaveLength(1);
  });
});
