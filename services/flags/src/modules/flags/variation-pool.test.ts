import { DomainError, LIMITS } from '@vexil/platform';
import { VariationPool } from './variation-pool.js';

const failure = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, fields: error.fields };
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('VariationPool', () => {
  it('finds a value by its JSON text and adds a new one with a key made from it', () => {
    const pool = new VariationPool({
      key: 'greeting',
      type: 'string',
      variations: [{ key: 'hello', value: 'Hello' }],
    });
    expect(pool.keyOf('value', { value: 'Hello' })).toBe('hello');
    expect(pool.keyOf('value', { value: 'Hello Pro' })).toBe('Hello-Pro');
    expect(pool.keyOf('value', { value: 'Hello-Pro' })).toBe('value-3');
    expect(pool.keyOf('value', { value: '¡Hola!' })).toBe('Hola');
    expect(pool.keyOf('value', { value: 'Hello Pro' })).toBe('Hello-Pro');
    expect(pool.added).toEqual([
      { key: 'Hello-Pro', value: 'Hello Pro' },
      { key: 'value-3', value: 'Hello-Pro' },
      { key: 'Hola', value: '¡Hola!' },
    ]);
  });

  it('tells JSON values apart by key order, and names a key alone as it is', () => {
    const pool = new VariationPool({
      key: 'config',
      type: 'json',
      variations: [{ key: 'ab', value: { a: 1, b: 2 } }],
    });
    expect(pool.keyOf('value', { value: { a: 1, b: 2 } })).toBe('ab');
    expect(pool.keyOf('value', { value: { b: 2, a: 1 } })).toBe('value-2');
    expect(pool.keyOf('value', { variation: 'missing' })).toBe('missing');
    expect(pool.keyOf('value', { variation: 'ab', value: null })).toBe('ab');
  });

  it('adds a named key with its value, or refuses a value other than the one the key holds', () => {
    const pool = new VariationPool({
      key: 'exp',
      type: 'json',
      variations: [{ key: 'control', value: 'blue' }],
    });
    expect(pool.keyOf('rollout.0.value', { variation: 'control', value: 'blue' })).toBe('control');
    expect(pool.keyOf('rollout.1.value', { variation: 'treatment', value: 'green' })).toBe('treatment');
    expect(failure(() => pool.keyOf('rollout.2.value', { variation: 'control', value: 'red' }))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: {
        'rollout.2.value': [expect.stringContaining('variation "control" of flag "exp" serves "blue"')],
      },
    });
    expect(failure(() => pool.keyOf('rollout.3.value', { variation: 'no key', value: 'red' }))).toMatchObject(
      {
        fields: { 'rollout.3.variation': [expect.any(String)] },
      },
    );
  });

  it('checks values against the flag’s type and the caps', () => {
    const numbers = new VariationPool({ key: 'limit', type: 'number', variations: [{ key: '1', value: 1 }] });
    expect(failure(() => numbers.keyOf('defaultServe.value', { value: '2' }))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: { 'defaultServe.value': ['must be a number'] },
    });
    const booleans = new VariationPool({
      key: 'switch',
      type: 'boolean',
      variations: [
        { key: 'yes', value: true },
        { key: 'no', value: false },
      ],
    });
    expect(booleans.keyOf('offValue', { value: false })).toBe('no');
    expect(failure(() => booleans.keyOf('offValue', { variation: 'maybe', value: true }))).toMatchObject({
      code: 'VARIATION_COUNT_INVALID',
    });
    const full = new VariationPool({
      key: 'many',
      type: 'number',
      variations: Array.from({ length: LIMITS.variationsPerFlag }, (_, index) => ({
        key: `v${index}`,
        value: index,
      })),
    });
    expect(failure(() => full.keyOf('value', { value: -1 }))).toMatchObject({
      code: 'VARIATION_COUNT_INVALID',
    });
  });
});
