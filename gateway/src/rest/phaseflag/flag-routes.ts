import { Type, type TObject, type TProperties } from '@sinclair/typebox';
import { DomainError } from '@vexil/platform';
import { Uuid } from '../request-schema.js';
import { resource, type RestRequest, type RestRoute } from '../rest-route.js';

type Data = Record<string, any>;

const FLAG_TYPES = ['boolean', 'string', 'number', 'json'] as const;
const STATUSES = ['active', 'inactive', 'archived'] as const;
const SORTS = ['name', 'key', 'created_at', 'updated_at'] as const;
const oneOf = (values: readonly string[], description?: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    description ? { description } : {},
  );

/**
 * A Vexil flag configured in one environment as PhaseFlag's flag (routes.md §3.1): `active` is on there,
 * `inactive` off, and the default variation is the one an inactive flag serves (§3.2 `DISABLED`).
 */
const toFlag = ({ enabled, offVariation, rules, environment, flag }: Data) => ({
  id: flag.id,
  key: flag.key,
  name: flag.name,
  description: flag.description,
  flag_type: flag.type,
  status: flag.archived ? 'archived' : enabled ? 'active' : 'inactive',
  enabled,
  // PhaseFlag's variations always have a name; Vexil's may not, and then the key is the name.
  variations: (flag.variations as Data[]).map(({ key, name, value }) => ({ key, name: name ?? key, value })),
  default_variation: offVariation,
  targeting_rules_count: (rules as unknown[]).length,
  environment_id: environment.id,
  created_at: flag.createdAt,
  updated_at: flag.updatedAt,
});

const Timestamp = Type.String({ format: 'date-time' });
const Variation = Type.Object({
  key: Type.String({ minLength: 1, description: 'letters, digits, `.`, `_` and `-`' }),
  name: Type.Optional(Type.String({ description: 'the key when absent' })),
  value: Type.Unknown({ description: "a value of the flag's type" }),
});

const Flag = Type.Object({
  id: Type.String({ format: 'uuid' }),
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  flag_type: oneOf(FLAG_TYPES),
  status: oneOf(STATUSES),
  enabled: Type.Boolean({ description: 'on in this environment' }),
  variations: Type.Array(Type.Object({ ...Variation.properties, name: Type.String() })),
  default_variation: Type.String({ description: 'the variation served while inactive' }),
  targeting_rules_count: Type.Integer(),
  environment_id: Type.String({ format: 'uuid' }),
  created_at: Timestamp,
  updated_at: Timestamp,
});

const environmentId = Uuid({ description: 'the environment the flag is shown in' });
/** A query of `environment_id` and more. */
const inEnvironment = (properties: TProperties = {}): TObject =>
  Type.Object({ environment_id: environmentId, ...properties });

/** PhaseFlag's `status` filter as the graph's: on or off here, or archived. */
const STATUS_FILTERS: Record<string, { archived?: boolean; enabled?: boolean }> = {
  active: { enabled: true },
  inactive: { enabled: false },
  archived: { archived: true },
};

const flagInEnvironment = ({ params, query }: RestRequest) => ({
  id: params.flagID,
  environmentId: query.get('environment_id'),
});

/** The flag of a query by id: null configuration means the environment is not the flag's project's. */
const configurationOf = (flag: Data): Data => {
  if (!flag.configuration) throw new DomainError('ENVIRONMENT_NOT_FOUND');
  return flag.configuration;
};

const variationsInput = (variations: unknown) =>
  (variations as Data[] | undefined)?.map(({ key, name, value }) => ({ key, name, value }));

/** PhaseFlag `/api/v1/flags` routes (routes.md §3.1); flag ids are Vexil's flag UUIDs. */
export const phaseFlagFlagRoutes = resource<RestRoute>('Flags', [
  {
    method: 'GET',
    path: '/flags',
    auth: 'user',
    summary: "An environment's flags: filtered, searched, sorted and paged",
    operation: 'PhaseFlagFlags',
    list: true,
    request: {
      query: inEnvironment({
        status: Type.Optional(
          oneOf(STATUSES, 'active (on), inactive (off) or archived; live flags if absent'),
        ),
        flag_type: Type.Optional(oneOf(FLAG_TYPES)),
        search: Type.Optional(Type.String({ description: 'text in the key, name or description' })),
        sort: Type.Optional(oneOf(SORTS, 'default created_at')),
        order: Type.Optional(oneOf(['asc', 'desc'], 'default asc')),
      }),
    },
    errors: ['ENVIRONMENT_NOT_FOUND'],
    variables: ({ query, page }) => ({
      environmentId: query.get('environment_id'),
      ...page,
      ...STATUS_FILTERS[query.get('status') ?? ''],
      type: query.get('flag_type'),
      search: query.get('search'),
      orderBy: query.get('sort')?.toUpperCase(),
      descending: query.get('order') === 'desc',
    }),
    result: ({ environment }) => ({
      nodes: environment.flags.nodes.map(toFlag),
      totalCount: environment.flags.totalCount,
    }),
    response: Flag,
  },
  {
    method: 'POST',
    path: '/flags',
    auth: 'user',
    summary: "Create a flag in the environment's project (inactive everywhere)",
    operation: 'PhaseFlagCreateFlag',
    request: {
      query: inEnvironment(),
      body: Type.Object({
        key: Type.String({ minLength: 1, description: 'letters, digits, `.`, `_` and `-`' }),
        name: Type.Optional(Type.String({ minLength: 1, description: 'the key when absent' })),
        description: Type.Optional(Type.String()),
        flag_type: Type.Optional(oneOf(FLAG_TYPES, 'default boolean')),
        variations: Type.Optional(
          Type.Array(Variation, { description: 'a boolean flag has exactly two: true and false' }),
        ),
        default_variation: Type.Optional(
          Type.String({ minLength: 1, description: "served while inactive; a boolean flag's false one" }),
        ),
      }),
    },
    example: {
      key: 'new-checkout',
      name: 'New checkout',
      description: 'The one-page checkout',
      flag_type: 'boolean',
      variations: [
        { key: 'on', name: 'On', value: true },
        { key: 'off', name: 'Off', value: false },
      ],
      default_variation: 'off',
    },
    errors: ['ENVIRONMENT_NOT_FOUND', 'FLAG_KEY_CONFLICT', 'VARIATION_COUNT_INVALID', 'PLAN_LIMIT_EXCEEDED'],
    variables: ({ query, body }) => ({
      environmentId: query.get('environment_id'),
      input: {
        key: body.key,
        name: body.name,
        description: body.description,
        type: body.flag_type ?? 'boolean',
        variations: variationsInput(body.variations),
        offVariation: body.default_variation,
      },
    }),
    result: ({ createFlag }) => toFlag(configurationOf(createFlag)),
    response: Flag,
    status: 201,
  },
  {
    method: 'GET',
    path: '/flags/:flagID',
    auth: 'user',
    summary: 'A flag, as it is in one environment',
    operation: 'PhaseFlagFlag',
    request: { query: inEnvironment() },
    errors: ['ENVIRONMENT_NOT_FOUND'],
    variables: flagInEnvironment,
    result: ({ flag }) => toFlag(configurationOf(flag)),
    response: Flag,
  },
  {
    method: 'PUT',
    path: '/flags/:flagID',
    auth: 'user',
    summary: "Change a flag's name, description or variations (variations in use must stay)",
    operation: 'PhaseFlagUpdateFlag',
    request: {
      query: inEnvironment(),
      body: Type.Object({
        name: Type.Optional(Type.String({ minLength: 1 })),
        description: Type.Optional(Type.String()),
        variations: Type.Optional(Type.Array(Variation)),
      }),
    },
    example: { name: 'New checkout', description: 'The one-page checkout, for everyone' },
    errors: ['ENVIRONMENT_NOT_FOUND', 'VARIATION_COUNT_INVALID'],
    variables: (request) => ({
      ...flagInEnvironment(request),
      input: {
        name: request.body.name,
        description: request.body.description,
        variations: variationsInput(request.body.variations),
      },
    }),
    result: ({ updateFlag }) => toFlag(configurationOf(updateFlag)),
    response: Flag,
  },
  {
    method: 'DELETE',
    path: '/flags/:flagID',
    auth: 'user',
    summary: 'Archive a flag: SDKs no longer see it; it stays listed with `status=archived`',
    operation: 'PhaseFlagArchiveFlag',
    errors: ['CONFLICT'],
    variables: ({ params }) => ({ id: params.flagID }),
  },
  {
    method: 'POST',
    path: '/flags/:flagID/toggle',
    auth: 'user',
    summary: 'Turn a flag on (active) or off (inactive) in one environment',
    operation: 'PhaseFlagToggleFlag',
    request: { query: inEnvironment(), body: Type.Object({ enabled: Type.Boolean() }) },
    example: { enabled: true },
    errors: ['ENVIRONMENT_NOT_FOUND'],
    variables: (request) => ({ ...flagInEnvironment(request), enabled: request.body.enabled }),
    result: ({ setFlagEnabled }) => toFlag(setFlagEnabled),
    response: Flag,
  },
  {
    method: 'GET',
    path: '/flags/:flagID/history',
    auth: 'user',
    summary: 'The changes of a flag in one environment, newest first, each with the flag as it was',
    operation: 'PhaseFlagFlagHistory',
    list: true,
    request: { query: inEnvironment() },
    errors: ['ENVIRONMENT_NOT_FOUND'],
    variables: (request) => ({ ...flagInEnvironment(request), ...request.page }),
    result: ({ flag }) => ({
      nodes: flag.history.nodes.map((entry: Data) => ({
        version: entry.version,
        changed_by: entry.changedBy,
        created_at: entry.createdAt,
        flag: toFlag(entry.snapshot),
      })),
      totalCount: flag.history.totalCount,
    }),
    response: Type.Object({
      version: Type.Integer(),
      changed_by: Type.Union([Type.String(), Type.Null()], {
        description: '`user:<id>`, `apiKey:<id>` or `system:<name>`',
      }),
      created_at: Timestamp,
      flag: Flag,
    }),
  },
]);
