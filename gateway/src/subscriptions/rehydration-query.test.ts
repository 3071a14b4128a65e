import { parse, print } from 'graphql';
import { toRehydrationQuery } from './rehydration-query.js';

describe('toRehydrationQuery', () => {
  it('turns the subscription field into its `_<field>Event` query, keeping the response key and fragments', () => {
    const { query, responseKey } = toRehydrationQuery(
      parse('subscription S($p: ID) { changes: flagChanged(projectId: $p) { ...F } } fragment F on E { id }'),
      undefined,
      {},
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
    expect(() => toRehydrationQuery(parse('{ a }'), undefined, {})).toThrow(
      'Expected a subscription operation',
    );
    expect(() => toRehydrationQuery(parse('subscription { a b }'), undefined, {})).toThrow(
      'exactly one root field',
    );
  });

  it('takes the resume argument out of the query, from a variable or a literal', () => {
    const fromVariable = toRehydrationQuery(
      parse('subscription S($p: ID, $since: SafeInt) { flagChanged(projectId: $p, after: $since) { id } }'),
      'S',
      { p: 'x', since: 41 },
    );
    expect(fromVariable.after).toBe(41);
    expect(fromVariable.variables).toEqual({ p: 'x' });
    expect(print(fromVariable.query)).toBe(
      print(
        parse(
          'query S($__vexilEvent: String!, $p: ID) { flagChanged: _flagChangedEvent(event: $__vexilEvent, projectId: $p) { id } }',
        ),
      ),
    );
    const literal = toRehydrationQuery(
      parse('subscription { flagUpdates(after: 7) { action } }'),
      undefined,
      {},
    );
    expect(literal.after).toBe(7);
    expect(literal.fieldName).toBe('flagUpdates');
    expect(print(literal.query)).not.toContain('after');
  });
});
