import { Type } from '@sinclair/typebox';
import { Uuid } from '../request-schema.js';
import { FlagValue, Nullable, Timestamp } from '../schema-types.js';

/**
 * JSON Schemas of FeatureSignals' own shapes (routes.md §1.3 to §1.6): the bodies its clients send, and
 * the responses its mappings build. Responses that are an operation's data as it is get their schemas
 * from the operation instead.
 */

const Text = (description?: string) => Type.String(description ? { description } : {});
const Key = Type.String({ minLength: 1, description: 'letters, digits, `.`, `_` and `-`' });

export { FlagValue, Nullable, Timestamp } from '../schema-types.js';

const Condition = Type.Object({
  attribute: Text('a context attribute, dotted for nested ones (`geo.country`)'),
  operator: Text('eq, neq, contains, starts_with, ends_with, in, not_in, gt, gte, lt, lte, regex, exists, …'),
  values: Type.Array(Type.Unknown()),
});

/** When a flag is meant to be removed (null: never); past it, its insights call it stale. */
const ExpiresAt = Nullable(Type.String({ format: 'date-time' }));

const FLAG_TYPES = ['boolean', 'string', 'number', 'json', 'ab'] as const;

export const CreateFlagBody = Type.Object({
  key: Key,
  name: Type.Optional(Type.String({ minLength: 1, description: 'the key when absent' })),
  description: Type.Optional(Text()),
  flag_type: Type.Optional(
    Type.Union(
      FLAG_TYPES.map((type) => Type.Literal(type)),
      { description: 'boolean when absent' },
    ),
  ),
  default_value: Type.Optional(FlagValue),
  tags: Type.Optional(Type.Array(Type.String())),
  expires_at: Type.Optional(ExpiresAt),
});

export const UpdateFlagBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1 })),
  description: Type.Optional(Text()),
  tags: Type.Optional(Type.Array(Type.String())),
  expires_at: Type.Optional(ExpiresAt),
  status: Type.Optional(Text('active, rolled_out, deprecated')),
});

export const FlagResponse = Type.Object({
  id: Type.String({ format: 'uuid' }),
  key: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  flag_type: Type.String(),
  default_value: FlagValue,
  status: Type.String(),
  tags: Type.Array(Type.String()),
  expires_at: Nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
});

const percentage = (description: string) =>
  Type.Integer({ minimum: 0, description, errorMessage: 'must be a whole number of basis points (0–10000)' });

const Rule = Type.Object(
  {
    id: Type.Optional(Text()),
    priority: Type.Optional(Type.Integer({ description: 'rules are tried in this order' })),
    description: Type.Optional(Text()),
    match_type: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('any')])),
    conditions: Type.Optional(Type.Array(Condition)),
    segment_keys: Type.Optional(Type.Array(Type.String())),
    percentage: Type.Optional(
      percentage('the part of matching contexts served `value`; the rest fall through'),
    ),
    value: FlagValue,
  },
  { errorMessage: 'must be a rule object' },
);

const Variant = Type.Object({ key: Type.String(), value: Type.Optional(FlagValue), weight: Type.Integer() });

export const FlagStateBody = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  version: Type.Optional(Type.Integer({ description: 'the version read, to refuse a lost update' })),
  default_value: Type.Optional(FlagValue),
  percentage_rollout: Type.Optional(
    percentage('basis points served `default_value`; the rest the flag default'),
  ),
  rules: Type.Optional(Type.Array(Rule)),
  variants: Type.Optional(Type.Array(Variant)),
});

export const FlagState = Type.Object({
  id: Type.String(),
  flag_key: Type.String(),
  env_id: Type.String({ format: 'uuid' }),
  enabled: Type.Boolean(),
  default_value: FlagValue,
  percentage_rollout: Type.Integer(),
  variants: Type.Array(Variant),
  rules: Type.Array(
    Type.Object({ ...Rule.properties, priority: Type.Integer(), percentage: Type.Integer() }),
  ),
  version: Type.Integer(),
  updated_at: Timestamp,
});

export const HistoryEntry = Type.Object({
  ...FlagState.properties,
  changed_by: Type.String({ description: '`user:<id>`, `key:<id>` or `system`' }),
  created_at: Timestamp,
});

const RuleList = Type.Array(Type.Unknown());

export const EnvironmentDiff = Type.Object({
  total: Type.Integer(),
  diff_count: Type.Integer(),
  diffs: Type.Array(
    Type.Object({
      flag_key: Type.String(),
      source_enabled: Type.Boolean(),
      target_enabled: Type.Boolean(),
      source_rollout: Type.Integer(),
      target_rollout: Type.Integer(),
      source_rules: RuleList,
      target_rules: RuleList,
      differences: Type.Array(Type.String()),
    }),
  ),
});

/** Two environments of a project, by id (promote, sync, compare). */
export const EnvironmentPair = {
  source_env_id: Uuid({ description: 'the environment copied from' }),
  target_env_id: Uuid({ description: 'the environment copied to' }),
};

export const SegmentBody = Type.Object({
  key: Type.Optional(Key),
  name: Type.Optional(Type.String({ minLength: 1 })),
  description: Type.Optional(Text()),
  match_type: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('any')])),
  rules: Type.Optional(Type.Array(Condition)),
});

export const CreateSegmentBody = Type.Object({
  ...SegmentBody.properties,
  key: Key,
  name: Type.String({ minLength: 1 }),
});

export const ApiKeyWithSecret = Type.Object({
  id: Type.String({ format: 'uuid' }),
  key: Type.String({ description: 'the whole key: shown once' }),
  key_prefix: Type.String(),
  name: Type.String(),
  type: Type.String(),
  scopes: Type.Array(Type.String()),
  env_id: Type.String({ format: 'uuid' }),
  created_at: Timestamp,
  expires_at: Nullable(Timestamp),
});

export const RotatedApiKey = Type.Object({
  key: Type.Record(Type.String(), Type.Unknown(), { description: 'the new key, as listed' }),
  raw_key: Type.String({ description: 'the whole new key: shown once' }),
  message: Type.String(),
  new_key: Type.String(),
  new_key_id: Type.String({ format: 'uuid' }),
  old_key_id: Type.String({ format: 'uuid' }),
  grace_expires_at: Nullable(Timestamp),
});

export const WebhookWithSecret = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  has_secret: Type.Boolean(),
  secret: Type.String({ description: 'the signing secret: shown once' }),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const WebhookBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1 })),
  url: Type.Optional(
    Type.String({ minLength: 1, description: 'https URL; private and loopback addresses are refused' }),
  ),
  secret: Type.Optional(Text()),
  events: Type.Optional(Type.Array(Type.String(), { description: 'event types; empty or `*` for all' })),
  enabled: Type.Optional(Type.Boolean()),
});
