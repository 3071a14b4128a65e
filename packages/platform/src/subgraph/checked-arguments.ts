import {
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { DomainError, type FieldErrors } from '../errors/domain-error.js';
import { checkJsonInput } from '../http/json-input.js';
import { textProblem } from '../text/storable-text.js';
import { isUuid } from '../text/uuid.js';

/** The first problem of an argument value by its GraphQL type, as `[field path, message]`. */
function problemOf(type: GraphQLInputType, value: unknown, path: string): [string, string] | undefined {
  if (value === null || value === undefined) return undefined;
  if (isNonNullType(type)) return problemOf(type.ofType, value, path);
  if (isListType(type)) {
    if (!Array.isArray(value)) return problemOf(type.ofType, value, path);
    for (const [index, item] of value.entries()) {
      const problem = problemOf(type.ofType, item, `${path}.${index}`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      const problem = field && problemOf(field.type, inner, `${path}.${name}`);
      if (problem) return problem;
    }
    return undefined;
  }
  // A malformed id would otherwise reach SQL and fail there as a 500.
  if (type.name === 'ID') return isUuid(value) ? undefined : [path, 'must be a UUID'];
  if (type.name === 'String') {
    const problem = textProblem(value as string);
    return problem ? [path, problem] : undefined;
  }
  if (isScalarType(type) && typeof value === 'object') {
    // JSON-like scalars: any shape, checked as a request body would be.
    try {
      checkJsonInput(value);
    } catch (error) {
      if (!(error instanceof DomainError) || !error.fields) throw error;
      const [inner, problems] = Object.entries(error.fields)[0]!;
      return [inner === 'body' ? path : `${path}.${inner}`, problems[0]!];
    }
  }
  return undefined;
}

/** The arguments' first problem as field errors (`input.environmentId`), or none. */
function argumentProblems(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): FieldErrors | undefined {
  for (const argument of field.args) {
    const problem = problemOf(argument.type, args[argument.name], argument.name);
    if (problem) return { [problem[0]]: [problem[1]] };
  }
  return undefined;
}

/**
 * Checks every argument of every query and mutation before its resolver runs, once for all subgraphs:
 * an `ID` must be a UUID, a `String` storable text, a JSON value shallow enough and storable. Each
 * failure is `VALIDATION_FAILED` naming the field, so no malformed id or NUL ever reaches SQL.
 */
export function checkArguments(schema: GraphQLSchema): void {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (field.args.length === 0 || !field.resolve) continue;
      const resolve = field.resolve;
      field.resolve = (source, args, context, info) => {
        const fields = argumentProblems(field, args);
        if (fields) throw DomainError.validation(fields);
        return resolve(source, args, context, info);
      };
    }
  }
}
