import { parse, print } from 'graphql';
import { toRehydrationQuery } from './rehydration-query.js';

describe('toRehydrationQuery', () => {
  it('turns the subscription field into its `_<field>Event` query, keeping the response key and fragments', () => {
    const { query, responseKey } = toRehydrationQuery(
      parse('subscription S($p: ID) { changes: flagChanged(projectId: $p) { ...F } } fragment F on E { id }'),
    );
    expect(responseKey).toBe('changes');
    expect(print(query)).toBe(
      print(
        parse(
          'query S($__vexilEvent: String!, $p: ID) { changes: _flagChangedEvent(event: $__vexilEvent, projectId: $p) { ...F } } fragment F on E { id }',
        ),
      ),
    );
  });

  it('refuses queries and multi-field subscriptions', () => {
    expect(() => toRehydrationQuery(parse('{ a }'))).toThrow('Expected a subscription operation');
    expect(() => toRehydrationQuery(parse('subscription { a b }'))).toThrow('exactly one root field');
  });
});
