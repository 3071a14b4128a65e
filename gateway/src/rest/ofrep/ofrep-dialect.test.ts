import { Value } from '@sinclair/typebox/value';
import type { RestFailure } from '../rest-route.js';
import { ofrepDialect } from './ofrep-dialect.js';

const failure = (overrides: Partial<RestFailure>): RestFailure => ({
  code: 'VALIDATION_FAILED',
  message: 'refused',
  requestId: 'r',
  ...overrides,
});

const errorCodeOf = (overrides: Partial<RestFailure>) =>
  (ofrepDialect.renderError(failure(overrides)).body as { errorCode: string }).errorCode;

describe('OFREP errors', () => {
  it('name a missing or empty targeting key TARGETING_KEY_MISSING, any other context problem INVALID_CONTEXT', () => {
    expect(errorCodeOf({ fields: { 'context.targetingKey': ['is required'] } })).toBe(
      'TARGETING_KEY_MISSING',
    );
    expect(errorCodeOf({ fields: { 'context.targetingKey': ['must not be empty'] } })).toBe(
      'TARGETING_KEY_MISSING',
    );
    expect(errorCodeOf({ fields: { 'context.targetingKey': ['must be a text'] } })).toBe('INVALID_CONTEXT');
    expect(errorCodeOf({ fields: { context: ['is required'] } })).toBe('INVALID_CONTEXT');
    expect(errorCodeOf({ fields: { 'context.plan': ['must be at most 1024 characters'] } })).toBe(
      'INVALID_CONTEXT',
    );
  });

  it('call a body that could not be read at all PARSE_ERROR, and what is not about the request GENERAL', () => {
    expect(errorCodeOf({ message: 'invalid request body: malformed JSON' })).toBe('PARSE_ERROR');
    expect(errorCodeOf({ fields: { '(body)': ['nests too deeply'] } })).toBe('PARSE_ERROR');
    expect(errorCodeOf({ code: 'FLAG_NOT_FOUND' })).toBe('FLAG_NOT_FOUND');
    expect(errorCodeOf({ code: 'UNAUTHENTICATED' })).toBe('GENERAL');
    expect(errorCodeOf({ code: 'RATE_LIMIT_EXCEEDED', retryAfter: 3 })).toBe('GENERAL');
  });

  it('name the flag on the single-flag route and keep the catalogue’s status, in the declared schema', () => {
    const single = ofrepDialect.renderError(
      failure({ fields: { 'context.targetingKey': ['is required'] }, params: { key: 'new-checkout' } }),
    );
    expect(single).toEqual({
      status: 400,
      body: {
        key: 'new-checkout',
        errorCode: 'TARGETING_KEY_MISSING',
        errorDetails: 'refused',
        fields: { 'context.targetingKey': ['is required'] },
      },
    });
    const bulk = ofrepDialect.renderError(
      failure({ code: 'UNAUTHENTICATED', message: 'invalid API key', params: {} }),
    );
    expect(bulk).toEqual({ status: 401, body: { errorCode: 'GENERAL', errorDetails: 'invalid API key' } });
    for (const { body } of [single, bulk]) expect(Value.Check(ofrepDialect.errorSchema, body)).toBe(true);
  });
});
