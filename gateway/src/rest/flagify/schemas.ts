import { Type } from '@sinclair/typebox';
import { FlagValue, Nullable, Timestamp } from '../schema-types.js';

/**
 * JSON Schemas of Flagify's management shapes (routes.md §4.2): what its CLI and MCP server send, and
 * the fields they parse (flagifyhq/cli `internal/api/client.go`, flagifyhq/flagify-mcp
 * `src/client/types.ts`), with the fields its docs add.
 */

const Id = Type.String({ description: 'a UUID' });
const Text = (description?: string) => Type.String(description ? { description } : {});
const Percentage = Type.Number({ minimum: 0, maximum: 100, description: 'percent of users, 0–100' });
const FLAG_TYPES = ['boolean', 'string', 'number', 'json'] as const;
const oneOf = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));

export const User = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  emailVerified: Type.Boolean(),
  avatarUrl: Type.Null(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const Tokens = Type.Object({ accessToken: Type.String(), refreshToken: Type.String() });

export const AuthResponse = Type.Object({ user: User, tokens: Tokens });

export const Workspace = Type.Object({
  id: Id,
  name: Type.String(),
  slug: Type.String(),
  plan: Text('the billing plan: a key of the plans file (self-hosted, free, pro, enterprise as shipped)'),
});

export const Environment = Type.Object({
  id: Id,
  projectId: Id,
  key: Text('the environment’s slug: dev, staging, production'),
  name: Type.String(),
  color: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const Project = Type.Object({
  id: Id,
  workspaceId: Id,
  name: Type.String(),
  slug: Type.String(),
  environments: Type.Array(Environment),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Variant = Type.Object({
  id: Type.String(),
  flagEnvironmentId: Id,
  key: Type.String(),
  value: FlagValue,
  weight: Percentage,
  createdAt: Timestamp,
});

export const FlagEnvironment = Type.Object({
  id: Id,
  flagId: Id,
  flagKey: Type.String(),
  environmentId: Id,
  environmentKey: Type.String(),
  environmentColor: Type.String(),
  enabled: Type.Boolean(),
  valueOverride: Type.Unknown({
    description: 'what this environment serves instead of the default; null: none',
  }),
  rolloutPercentage: Nullable(Percentage),
  targetingRuleCount: Type.Integer(),
  variants: Type.Array(Variant),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const Flag = Type.Object({
  id: Id,
  projectId: Id,
  key: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  type: oneOf(FLAG_TYPES),
  defaultValue: FlagValue,
  offValue: FlagValue,
  archivedAt: Nullable(Timestamp),
  environments: Type.Array(FlagEnvironment),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Condition = Type.Object({
  type: oneOf(['segment', 'attribute']),
  segmentId: Type.Optional(Id),
  attribute: Type.Optional(Type.String()),
  operator: Type.Optional(Type.String()),
  values: Type.Optional(Type.Array(Type.Unknown())),
  value: Type.Optional(Type.Unknown({ description: 'the only value, or the list (what the CLI reads)' })),
});

export const TargetingRule = Type.Object({
  id: Type.String(),
  flagEnvironmentId: Id,
  priority: Type.Integer({ description: 'lower first' }),
  description: Nullable(Type.String()),
  matchType: oneOf(['all', 'any']),
  valueOverride: Type.Unknown(),
  rolloutPercentage: Nullable(Percentage),
  variantKey: Nullable(Type.String()),
  segmentId: Type.Optional(Id),
  enabled: Type.Boolean(),
  conditions: Type.Array(Condition),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const SegmentRule = Type.Object({
  attribute: Type.String(),
  operator: Type.String(),
  values: Type.Array(Type.Unknown()),
  value: Type.Unknown({ description: 'the only value, or the list (what the CLI reads)' }),
});

export const Segment = Type.Object({
  id: Id,
  projectId: Id,
  key: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  matchType: oneOf(['all', 'any']),
  rules: Type.Array(SegmentRule),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ApiKey = Type.Object({
  id: Id,
  environmentId: Id,
  type: oneOf(['publishable', 'secret']),
  prefix: Type.String(),
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
  createdBy: Nullable(Id),
  createdAt: Timestamp,
});

export const KeyPair = Type.Object({
  publishableKey: Text('pk_…, shown once'),
  secretKey: Text('sk_…, shown once'),
  publishable: ApiKey,
  secret: ApiKey,
});

export const HealthIssue = Type.Object({
  flagId: Id,
  flagKey: Type.String(),
  flagName: Type.String(),
  type: Text('env_mismatch or rule_value_matches_default'),
  severity: Text('warning or info'),
  message: Type.String(),
  environment: Type.Optional(Type.String()),
  ruleId: Type.Optional(Type.String()),
  fix: Type.Optional(Type.String()),
});

export const AuditEvent = Type.Object({
  id: Id,
  workspaceId: Id,
  actorId: Nullable(Type.String()),
  actorEmail: Nullable(Type.String()),
  actorType: Text('user, api_key or system'),
  source: Nullable(Text('web, api, sdk, cli or mcp')),
  action: Type.String(),
  resourceType: Type.String(),
  resourceId: Nullable(Type.String()),
  projectId: Nullable(Id),
  environmentId: Nullable(Id),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
});

export const AuditPage = Type.Object({
  events: Type.Array(AuditEvent),
  nextCursor: Nullable(Type.String()),
});

// Requests.

export const FlagType = oneOf(FLAG_TYPES);

export const CreateFlagBody = Type.Object({
  key: Type.Optional(Type.String({ minLength: 1, description: 'kebab-case; made from the name if omitted' })),
  name: Type.String({ minLength: 1 }),
  type: FlagType,
  description: Type.Optional(Type.String()),
  defaultValue: Type.Optional(FlagValue),
  offValue: Type.Optional(FlagValue),
});

export const UpdateFlagBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1 })),
  description: Type.Optional(Type.String()),
  defaultValue: Type.Optional(FlagValue),
  offValue: Type.Optional(FlagValue),
});

export const FlagEnvironmentBody = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  valueOverride: Type.Optional(
    Type.Unknown({ description: 'what this environment serves; null: the default' }),
  ),
  rolloutPercentage: Type.Optional(Nullable(Percentage)),
  variants: Type.Optional(
    Type.Array(
      Type.Object({
        key: Type.String({ minLength: 1 }),
        value: FlagValue,
        weight: Percentage,
      }),
    ),
  ),
});

const RuleCondition = Type.Object({
  type: Type.Optional(oneOf(['segment', 'attribute'])),
  segmentId: Type.Optional(Type.String({ minLength: 1 })),
  attribute: Type.Optional(Type.String({ minLength: 1 })),
  operator: Type.Optional(Type.String({ minLength: 1 })),
  values: Type.Optional(Type.Array(Type.Unknown())),
  value: Type.Optional(Type.Unknown({ description: 'one value, instead of `values` (the CLI’s form)' })),
});

export const TargetingBody = Type.Object({
  rules: Type.Array(
    Type.Object({
      id: Type.Optional(Type.String({ minLength: 1 })),
      priority: Type.Optional(Type.Integer({ description: 'lower first' })),
      description: Type.Optional(Nullable(Type.String())),
      matchType: Type.Optional(oneOf(['all', 'any', 'ALL', 'ANY'])),
      valueOverride: Type.Optional(Type.Unknown()),
      rolloutPercentage: Type.Optional(Nullable(Percentage)),
      variantKey: Type.Optional(Nullable(Type.String({ minLength: 1 }))),
      segmentId: Type.Optional(Type.String({ minLength: 1 })),
      enabled: Type.Optional(Type.Boolean()),
      conditions: Type.Optional(Type.Array(RuleCondition)),
    }),
  ),
});

export const CreateSegmentBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  key: Type.Optional(Type.String({ minLength: 1, description: 'made from the name if omitted' })),
  description: Type.Optional(Type.String()),
  matchType: Type.Optional(oneOf(['all', 'any', 'ALL', 'ANY'])),
  rules: Type.Optional(
    Type.Array(
      Type.Object({
        attribute: Type.String({ minLength: 1 }),
        operator: Type.String({ minLength: 1 }),
        values: Type.Optional(Type.Array(Type.Unknown())),
        value: Type.Optional(
          Type.Unknown({ description: 'one value, instead of `values` (the CLI’s form)' }),
        ),
      }),
    ),
  ),
});
