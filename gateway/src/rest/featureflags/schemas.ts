import { Type } from '@sinclair/typebox';
import { Timestamp } from '../schema-types.js';
import { PACKAGE_OPERATORS } from './package-operators.js';

/**
 * JSON Schemas of FeatureFlags' own shapes (routes.md §2): the flag objects the package syncs, the
 * management API's resources and the bodies its dashboard sends. Responses that are an operation's data
 * as it is get their schemas from the operation instead.
 */

const oneOf = (values: readonly string[], description?: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    description ? { description } : {},
  );
const Id = Type.String({ format: 'uuid' });
const Value = (description: string) => Type.Unknown({ description });

const FLAG_TYPES = ['boolean', 'string', 'number', 'json'] as const;

/** A condition of a rule or segment as the package reads it (§2.1). */
const Condition = Type.Union([
  Type.Object({ trait: Type.String(), operator: Type.String(), value: Type.Unknown() }),
  Type.Object({ type: Type.Literal('segment'), segment: Type.String() }),
]);

const Percentage = Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], {
  description: 'who gets `default_value` while on; the rest get `false`; null: everyone',
  errorMessage: 'must be a number from 0 to 100, or null',
});

/** A flag's configuration in one environment as the package evaluates it (§2.1, §2.3). */
const configuration = {
  enabled: Type.Boolean(),
  default_value: Value('served while off, and while on to whoever no rule and no rollout miss takes'),
  rollout_percentage: Percentage,
  rules: Type.Array(
    Type.Object({
      priority: Type.Integer({ description: 'evaluated in ascending order' }),
      conditions: Type.Array(Condition),
      value: Type.Unknown(),
    }),
  ),
};

/** The flag object the package evaluates (§2.1). */
export const PackageFlag = Type.Object({
  key: Type.String(),
  name: Type.String(),
  type: Type.String({ description: 'boolean, string, number or json' }),
  ...configuration,
  dependencies: Type.Array(Type.Object({ flag_key: Type.String(), required_value: Type.Unknown() })),
  variants: Type.Array(Type.Unknown()),
  experiment: Type.Null({ description: 'Vexil runs no experiments' }),
});

/** A segment as the package evaluates it: its rules are ORed, a rule's conditions ANDed (§2.1). */
export const PackageSegment = Type.Object({
  key: Type.String(),
  rules: Type.Array(Type.Object({ conditions: Type.Array(Condition) })),
});

/** A flag's configuration in one environment, as management reads and writes it (§2.2). */
export const FlagEnvironment = Type.Object({ flag_id: Id, environment_id: Id, ...configuration });

/** A flag as management shows it; what it serves is per environment ({@link FlagEnvironment}). */
export const Flag = Type.Object({
  id: Id,
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  type: oneOf(FLAG_TYPES),
  created_at: Timestamp,
  updated_at: Timestamp,
  project_id: Id,
});

/** An environment as management shows it; its `slug` is Vexil's environment key. */
export const Environment = Type.Object({
  id: Id,
  name: Type.String(),
  slug: Type.String({ description: 'the key SDKs and other dialects know it by' }),
  color: Type.String(),
  created_at: Timestamp,
  project_id: Id,
});

const name = Type.String({ minLength: 1 });
const slug = Type.String({ minLength: 1, description: 'lower-case letters, digits and `-`' });

/** A new environment. */
export const EnvironmentBody = Type.Object({
  name,
  slug: Type.Optional(slug),
  color: Type.Optional(Type.String({ description: 'a CSS color, `#6B7280` by default' })),
});

/** Changes to an environment; its slug stays. */
export const EnvironmentChanges = Type.Object({
  name: Type.Optional(name),
  color: Type.Optional(Type.String({ description: 'a CSS color' })),
});

/** A new flag. */
export const FlagBody = Type.Object({
  key: Type.String({ minLength: 1, description: 'letters, digits, `.`, `_` and `-`' }),
  name: Type.Optional(Type.String({ minLength: 1, description: 'the key when absent' })),
  description: Type.Optional(Type.String()),
  type: Type.Optional(oneOf(FLAG_TYPES, 'default boolean')),
  default_value: Type.Optional(
    Value(
      'what a flag that is not boolean serves until configured (required for those); a boolean one starts false',
    ),
  ),
});

/** Changes to a flag; its key and type stay. */
export const FlagChanges = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1 })),
  description: Type.Optional(Type.String()),
});

/**
 * A condition as the dashboard writes it: a trait test, or `{"type": "segment", "segment": key}`. One
 * object rather than a union, so that a wrong operator is named at its own path.
 */
const ConditionBody = Type.Object({
  type: Type.Optional(oneOf(['trait', 'segment'], 'default trait')),
  trait: Type.Optional(Type.String({ minLength: 1, description: 'the context trait tested' })),
  operator: Type.Optional(oneOf(PACKAGE_OPERATORS)),
  value: Type.Optional(
    Value('a list for `in` and `not_in`; a PCRE pattern with delimiters for `matches_regex`'),
  ),
  segment: Type.Optional(Type.String({ minLength: 1, description: 'the segment, for a segment condition' })),
});

/** A PATCH of a flag's environment (routes.md §2.2); fields left out stay. */
export const FlagEnvironmentBody = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  default_value: Type.Optional(Value('given with `rollout_percentage`; the value served while off too')),
  rollout_percentage: Type.Optional(Percentage),
  rules: Type.Optional(
    Type.Array(
      Type.Object({
        priority: Type.Integer({ description: 'ascending; ties keep their order' }),
        conditions: Type.Array(ConditionBody),
        value: Value('served when every condition holds'),
      }),
      { description: 'replaces the rules' },
    ),
  ),
});
