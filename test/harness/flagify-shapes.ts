import type { Shape } from './flagify-clients.js';

// What Flagify's clients parse, field by field. The CLI's Go structs (internal/api/client.go): a
// field missing from the JSON decodes to its zero value, a wrong type fails the whole decode. The MCP
// server's TypeScript types (src/client/types.ts), of which its tools read the fields listed.

const cliEnvironment = { id: 'string', key: 'string', name: 'string' };
const cliFlagEnv = {
  id: 'string',
  environmentId: 'string',
  environmentKey: 'string',
  enabled: 'bool',
  rolloutPercentage: 'int?',
  variants: [{ key: 'string', value: 'any', weight: 'int' }],
};
const cliApiKey = {
  id: 'string',
  environmentId: 'string',
  type: 'string',
  prefix: 'string',
  lastUsedAt: 'time?',
  revokedAt: 'time?',
  createdBy: 'string?',
  createdAt: 'time',
};

/** The CLI's structs. */
export const CLI = {
  AuthResponse: { user: 'any', tokens: { accessToken: 'string', refreshToken: 'string' } },
  TokenPair: { accessToken: 'string', refreshToken: 'string' },
  UserMe: { id: 'string', email: 'string', name: 'string?' },
  Workspaces: [{ id: 'string', name: 'string', slug: 'string', plan: 'string' }],
  Project: {
    id: 'string',
    workspaceId: 'string',
    name: 'string',
    slug: 'string',
    environments: [cliEnvironment],
  },
  Flag: {
    id: 'string',
    key: 'string',
    name: 'string',
    type: 'string',
    defaultValue: 'any',
    environments: [cliFlagEnv],
  },
  Segment: {
    id: 'string',
    projectId: 'string',
    name: 'string',
    matchType: 'string',
    rules: [{ attribute: 'string', operator: 'string', value: 'any' }],
  },
  TargetingRule: {
    id: 'string',
    priority: 'int',
    segmentId: 'string?',
    valueOverride: 'any',
    rolloutPercentage: 'int?',
    enabled: 'bool',
    conditions: [{ attribute: 'string?', operator: 'string?', value: 'any' }],
  },
  ApiKey: cliApiKey,
  KeyPair: { publishableKey: 'string', secretKey: 'string', publishable: cliApiKey, secret: cliApiKey },
  HealthIssue: {
    flagId: 'string',
    flagKey: 'string',
    flagName: 'string',
    type: 'string',
    severity: 'string',
    message: 'string',
    environment: 'string?',
    ruleId: 'string?',
    fix: 'string?',
  },
  /** Every error: `{"code","message"}`, read when the status is 400 or more. */
  Error: { code: 'string', message: 'string' },
} satisfies Record<string, Shape>;

const mcpVariant = {
  id: 'string',
  flagEnvironmentId: 'string',
  key: 'string',
  value: 'any',
  weight: 'number',
  createdAt: 'string',
};
const mcpFlagEnvironment = {
  id: 'string',
  flagId: 'string',
  flagKey: 'string?',
  environmentId: 'string',
  environmentKey: 'string?',
  environmentColor: 'string?',
  enabled: 'bool',
  valueOverride: 'any',
  rolloutPercentage: 'number?',
  targetingRuleCount: 'number',
  variants: [mcpVariant],
  createdAt: 'string',
  updatedAt: 'string',
};

/** The MCP server's types. */
export const MCP = {
  TokenPair: { accessToken: 'string', refreshToken: 'string' },
  FlagEnvironment: mcpFlagEnvironment,
  Flag: {
    id: 'string',
    projectId: 'string',
    key: 'string',
    name: 'string',
    description: 'string?',
    type: 'string',
    defaultValue: 'any',
    offValue: 'any',
    archivedAt: 'string?',
    environments: [mcpFlagEnvironment],
    createdAt: 'string',
    updatedAt: 'string',
  },
  Environment: {
    id: 'string',
    projectId: 'string',
    key: 'string',
    name: 'string',
    color: 'string?',
    createdAt: 'string',
    updatedAt: 'string',
  },
  Segment: {
    id: 'string',
    projectId: 'string',
    key: 'string',
    name: 'string',
    description: 'string?',
    matchType: 'string',
    rules: [{ attribute: 'string', operator: 'string', values: ['any'] }],
    createdAt: 'string',
    updatedAt: 'string',
  },
  TargetingRule: {
    id: 'string',
    flagEnvironmentId: 'string',
    priority: 'number',
    description: 'string?',
    matchType: 'string',
    valueOverride: 'any',
    rolloutPercentage: 'number?',
    variantKey: 'string?',
    conditions: [
      { type: 'string', segmentId: 'string?', attribute: 'string?', operator: 'string?', values: ['any'] },
    ],
    createdAt: 'string',
    updatedAt: 'string',
  },
  AuditLogResponse: {
    events: [
      {
        id: 'string',
        workspaceId: 'string',
        actorId: 'string?',
        actorEmail: 'string?',
        actorType: 'string',
        source: 'string?',
        action: 'string',
        resourceType: 'string',
        resourceId: 'string?',
        metadata: 'any',
        createdAt: 'string',
      },
    ],
    nextCursor: 'string?',
  },
} satisfies Record<string, Shape>;
