import { DomainError } from '../errors/domain-error.js';
import { checkJsonInput } from './json-input.js';

const refusal = (value: unknown): DomainError => {
  try {
    checkJsonInput(value);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('accepted');
};

describe('checkJsonInput', () => {
  it('accepts ordinary bodies', () => {
    expect(() =>
      checkJsonInput({ rules: [{ conditions: [{ values: ['a', 1, null, true] }] }] }),
    ).not.toThrow();
    expect(() => checkJsonInput(undefined)).not.toThrow();
  });

  it('names the field holding a NUL or a lone surrogate', () => {
    expect(refusal({ rules: [{ value: 'a\u0000' }] }).fields).toEqual({
      'rules.0.value': [expect.stringMatching(/NUL/)],
    });
    expect(refusal({ name: '\ud800' }).fields).toEqual({ name: [expect.stringMatching(/surrogate/)] });
    expect(refusal({ ['k\u0000']: 1 }).fields).toEqual({ 'k\u0000': [expect.stringMatching(/key/)] });
  });

  it('refuses nesting past 64 levels, however deep, without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(refusal(deep).code).toBe('VALIDATION_FAILED');
    const atLimit = JSON.parse('['.repeat(64) + ']'.repeat(64));
    expect(() => checkJsonInput(atLimit)).not.toThrow();
    expect(refusal(JSON.parse('['.repeat(65) + ']'.repeat(65))).message).toMatch(/64 levels/);
  });
});
