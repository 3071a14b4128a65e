import { FormatRegistry, Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { DomainError, isUuid, type FieldErrors } from '@vexil/platform';
import type { RequestSchemas } from './rest-route.js';

// TypeBox checks a `format` only once it is registered (an unknown one refuses every value).
FormatRegistry.Set('uuid', isUuid);
/** RFC 3339, as JSON Schema's `date-time`: a date, a time and an offset, and a real moment. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
FormatRegistry.Set('date-time', (value) => RFC_3339.test(value) && !Number.isNaN(Date.parse(value)));

/** A UUID given as text (a path or query parameter, a body field). */
export const Uuid = (options: { description?: string } = {}) => Type.String({ format: 'uuid', ...options });

/** The path parameters of a route path (`/projects/:projectID` → `projectID`). */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);
}

/** Route paths name ids `:<thing>ID`; those are UUIDs, the others (keys, versions) plain text. */
export function pathParameterSchema(name: string): TSchema {
  return name.endsWith('ID') ? Uuid() : Type.String({ minLength: 1 });
}

const literals = (schema: TSchema): unknown[] | undefined => {
  const options = (schema.anyOf ?? []) as TSchema[];
  const values = options.map((option) => option.const);
  return options.length > 0 && values.every((value) => value !== undefined) ? values : undefined;
};

/**
 * The words of a field error for a field that is absent or empty, for dialects that give that case a
 * code of its own (OFREP's `TARGETING_KEY_MISSING`).
 */
export const ABSENT = { missing: 'is required', empty: 'must not be empty' } as const;

/** What a failed check expected, in words a person reads (`must be a whole number, 0 or more`). */
function expectation(error: ValueError): string {
  const { type, schema, message } = error;
  if (typeof schema.errorMessage === 'string') return schema.errorMessage;
  switch (type) {
    case ValueErrorType.ObjectRequiredProperty:
      return ABSENT.missing;
    case ValueErrorType.String:
      return 'must be a text';
    case ValueErrorType.StringMinLength:
      return schema.minLength === 1 ? ABSENT.empty : `must be at least ${schema.minLength} characters`;
    case ValueErrorType.StringMaxLength:
      return `must be at most ${schema.maxLength} characters`;
    case ValueErrorType.StringPattern:
    case ValueErrorType.StringFormat:
    case ValueErrorType.StringFormatUnknown:
      return schema.format === 'uuid'
        ? 'must be a UUID'
        : schema.format === 'date-time'
          ? 'must be a date and time (RFC 3339, e.g. 2026-01-31T12:00:00Z)'
          : `must match ${schema.pattern ?? schema.format}`;
    case ValueErrorType.Integer:
      return 'must be a whole number';
    case ValueErrorType.Number:
      return 'must be a number';
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return `must be ${schema.minimum} or more`;
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return `must be ${schema.maximum} or less`;
    case ValueErrorType.Boolean:
      return 'must be true or false';
    case ValueErrorType.Array:
      return 'must be a list';
    case ValueErrorType.ArrayMinItems:
      return `must hold at least ${schema.minItems} items`;
    case ValueErrorType.ArrayMaxItems:
      return `must hold at most ${schema.maxItems} items`;
    case ValueErrorType.Object:
      return 'must be an object';
    case ValueErrorType.Literal:
      return `must be ${JSON.stringify(schema.const)}`;
    case ValueErrorType.Union: {
      const values = literals(schema);
      if (values) return `must be one of ${values.map((value) => JSON.stringify(value)).join(', ')}`;
      // A value or null (`Nullable`): a given value failed the value's own check, so say which.
      const options = schema.anyOf as TSchema[];
      const nullable = options.length === 2 && options.some((option) => option.type === 'null');
      const valueError = nullable
        ? error.errors[options.findIndex((o) => o.type !== 'null')]?.First()
        : undefined;
      return valueError ? `${expectation(valueError)}, or null` : 'is not valid';
    }
    default:
      return message;
  }
}

/** A failed check as a field error: `rules.0.value` → `is required`. */
function fieldError(error: ValueError): [string, string] {
  return [error.path.slice(1).replaceAll('/', '.') || '(body)', expectation(error)];
}

/** The errors of a value against a compiled schema; one message per field, the first found. */
function fieldErrors(check: TypeCheck<TSchema>, value: unknown, prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  for (const error of check.Errors(value)) {
    const [field, message] = fieldError(error);
    errors[`${prefix}${field}`] ??= [message];
  }
  return errors;
}

/**
 * A route's request schemas, compiled once: `check` throws `VALIDATION_FAILED` with one error per
 * field, which each dialect renders in its shape, before the route's operation runs.
 */
export function compileRequestSchemas(
  schemas: RequestSchemas | undefined,
): (request: { query: URLSearchParams; body: Record<string, unknown> }) => void {
  const query = schemas?.query && TypeCompiler.Compile(schemas.query);
  const body = schemas?.body && TypeCompiler.Compile(schemas.body);
  if (!query && !body) return () => {};
  return (request) => {
    const errors: FieldErrors = {};
    if (query) {
      const values = Object.fromEntries(request.query);
      if (!query.Check(values)) Object.assign(errors, fieldErrors(query, values));
    }
    if (body && !body.Check(request.body)) Object.assign(errors, fieldErrors(body, request.body));
    if (Object.keys(errors).length > 0) throw DomainError.validation(errors, schemas?.message);
  };
}
