import { resource, type RestRoute } from '../rest-route.js';
import { configurationOf } from './flag-environment-routes.js';
import { toRuleInputs, toTargetingRules } from './targeting.mapping.js';
import { TargetingBody, TargetingRule } from './schemas.js';
import { Type } from '@sinclair/typebox';

type Data = Record<string, any>;

const BY_ID = '/v1/flag-environments/:flagEnvID';
const BY_KEY = '/v1/projects/:projectID/flags/:flagKey/environments/:envKey';

const example = {
  rules: [
    {
      priority: 1,
      description: 'Pro users in the US',
      matchType: 'all',
      valueOverride: true,
      rolloutPercentage: 50,
      conditions: [
        { type: 'attribute', attribute: 'plan', operator: 'equals', values: ['pro'] },
        { type: 'attribute', attribute: 'country', operator: 'in', values: ['US'] },
      ],
    },
  ],
};

/** GET and PUT of a flag's rules in one environment at `base` + `suffix`. */
const rowsAt = (base: string, suffix: string): Omit<RestRoute, 'tag'>[] => [
  {
    method: 'GET',
    path: `${base}${suffix}`,
    auth: 'user',
    summary: "A flag's targeting rules in one environment, lower priority first",
    operation: base === BY_ID ? 'FlagifyTargeting' : 'FlagifyTargetingByKey',
    errors: ['FLAG_NOT_FOUND', 'ENVIRONMENT_NOT_FOUND'],
    variables: ({ params }) =>
      base === BY_ID
        ? { id: params.flagEnvID }
        : { projectId: params.projectID, flagKey: params.flagKey, environmentKey: params.envKey },
    result: (data: Data) => toTargetingRules(data.flagConfiguration ?? data.flag.configuration),
    response: Type.Array(TargetingRule),
  },
  {
    method: 'PUT',
    path: `${base}${suffix}`,
    auth: 'user',
    summary: "Replace a flag's targeting rules in one environment (all of them)",
    operation: 'FlagifySetTargeting',
    request: { body: TargetingBody },
    example,
    errors: ['FLAG_NOT_FOUND', 'ENVIRONMENT_NOT_FOUND', 'RULE_ROLLOUT_EXCEEDS_100'],
    variables: (request) => ({
      input: { ...configurationOf(request), rules: toRuleInputs(request.body.rules as Data[]) },
    }),
    result: ({ updateFlagConfiguration }) => toTargetingRules(updateFlagConfiguration),
    response: Type.Array(TargetingRule),
  },
];

/**
 * Flagify's targeting rules (routes.md §4.2) by flag environment id and by key, at the path its CLI
 * and MCP use (`/targeting-rules`) and at the one its docs name (`/targeting`).
 */
export const flagifyTargetingRoutes = resource<RestRoute>(
  'Targeting',
  [BY_ID, BY_KEY].flatMap((base) =>
    ['/targeting-rules', '/targeting'].flatMap((suffix) => rowsAt(base, suffix)),
  ),
);
