import { parse } from 'graphql';
import { snakeKeys } from './casing.js';
import { scalarValues } from './scalar-values.js';

const document = parse(`
  query ($id: ID!) {
    flag(id: $id) {
      createdAt
      variations { key value }
      ... on Flag { history { configuration } }
      owner: createdBy { ...User }
    }
  }
  fragment User on User { displayName settings }
`);

describe('scalarValues', () => {
  it('finds the values of scalar fields through lists, aliases and fragments, and casing keeps them', () => {
    const data = {
      flag: {
        createdAt: '2026-01-01T00:00:00Z',
        variations: [
          { key: 'a', value: { maxItems: 3 } },
          { key: 'b', value: [{ innerKey: 1 }] },
        ],
        history: [{ configuration: { defaultServe: { rollout: [] } } }],
        owner: { displayName: 'Ada', settings: { darkMode: true } },
      },
    };
    const scalars = scalarValues(document)(data);
    expect(snakeKeys(data, scalars)).toEqual({
      flag: {
        created_at: '2026-01-01T00:00:00Z',
        variations: [
          { key: 'a', value: { maxItems: 3 } },
          { key: 'b', value: [{ innerKey: 1 }] },
        ],
        history: [{ configuration: { defaultServe: { rollout: [] } } }],
        owner: { display_name: 'Ada', settings: { darkMode: true } },
      },
    });
    // A mapping may lift part of a value into a response of its own making.
    expect(scalars.has(data.flag.history[0]!.configuration.defaultServe.rollout)).toBe(true);
    expect(scalars.has(data.flag.variations[0]!)).toBe(false);
  });
});
