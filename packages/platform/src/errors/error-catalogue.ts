/**
 * The one vocabulary of expected failures. Subgraphs throw {@link DomainError}s with these codes;
 * GraphQL renders the code as `extensions.code`, and every REST dialect maps it to its own status and
 * body from `status` here, so REST and GraphQL always agree on what went wrong.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, message: 'The request is invalid' },
  INVALID_CREDENTIALS: { status: 401, message: 'invalid credentials' },
  UNAUTHENTICATED: { status: 401, message: 'unauthorized' },
  TOKEN_EXPIRED: { status: 401, message: 'token expired' },
  MFA_REQUIRED: { status: 401, message: 'MFA code required: send the code of your authenticator app' },
  INVALID_MFA_CODE: { status: 401, message: 'invalid MFA code' },
  INVALID_TOKEN: { status: 400, message: 'the link is invalid, used or expired; ask for a new one' },
  INSUFFICIENT_PERMISSIONS: { status: 403, message: 'insufficient permissions' },
  IP_NOT_ALLOWED: { status: 403, message: 'your address is not on the organization’s IP allowlist' },
  NOT_FOUND: { status: 404, message: 'not found' },
  ROUTE_NOT_FOUND: { status: 404, message: 'route not found' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'method not allowed' },
  FLAG_NOT_FOUND: { status: 404, message: 'flag not found' },
  ENVIRONMENT_NOT_FOUND: { status: 404, message: 'environment not found' },
  PROJECT_NOT_FOUND: { status: 404, message: 'project not found' },
  ORGANIZATION_NOT_FOUND: { status: 404, message: 'organization not found' },
  MEMBER_NOT_FOUND: { status: 404, message: 'member not found' },
  ROLE_NOT_FOUND: { status: 404, message: 'role not found' },
  INVITATION_NOT_FOUND: { status: 404, message: 'invitation not found, used or expired' },
  API_KEY_NOT_FOUND: { status: 404, message: 'API key not found' },
  CONFLICT: { status: 409, message: 'conflict' },
  RESUME_TOO_FAR: {
    status: 410,
    message: 'too many changes to replay; load the current state and subscribe again without `after`',
  },
  FLAG_KEY_CONFLICT: { status: 409, message: 'a flag with this key already exists' },
  PROJECT_SLUG_CONFLICT: { status: 409, message: 'a project with this slug already exists' },
  EMAIL_ALREADY_EXISTS: { status: 409, message: 'email already registered' },
  VARIATION_COUNT_INVALID: { status: 422, message: 'invalid number of variations' },
  RULE_ROLLOUT_EXCEEDS_100: { status: 422, message: 'rollout weights exceed 100%' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Content-Type must be application/json' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'request body too large' },
  PLAN_LIMIT_EXCEEDED: { status: 402, message: 'plan limit exceeded' },
  PAYMENT_PROVIDER_NOT_CONFIGURED: {
    status: 400,
    message: 'no payment provider is configured: an owner or admin changes the plan directly',
  },
  PAYMENT_PROVIDER_FAILED: { status: 502, message: 'the payment provider refused or failed the request' },
  INVALID_SIGNATURE: { status: 400, message: 'the webhook signature is invalid or too old' },
  MAU_LIMIT_EXCEEDED: { status: 429, message: 'monthly active user limit exceeded' },
  RATE_LIMIT_EXCEEDED: { status: 429, message: 'rate limit exceeded' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'service unavailable' },
  INTERNAL: { status: 500, message: 'internal server error' },
} as const satisfies Record<string, { status: number; message: string }>;

/** A code of the {@link errorCatalogue}. */
export type ErrorCode = keyof typeof errorCatalogue;

/** Tells whether a string (e.g. a GraphQL `extensions.code`) is one of ours. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorCatalogue, code);
}
