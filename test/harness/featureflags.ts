import { murmur3 } from '@vexil/evaluation';
import type { PlatformClients } from '@vexil/testing';

/** A workspace with a secret key for its production environment, as the package is configured with. */
export async function featureFlagsWorkspace(vexil: PlatformClients) {
  const ws = await vexil.workspace();
  const { id: keyId, key } = await ws.apiKey('server', 'production');
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const answer = await ws.gql(query, variables);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  };
  /** Creates a flag in the workspace's project; its id. */
  const flag = async (input: Record<string, unknown>): Promise<string> =>
    (
      await gql(
        `mutation ($p: ID!, $input: CreateFlagInput!) { createFlag(projectId: $p, input: $input) { id } }`,
        { p: ws.projectId, input },
      )
    ).createFlag.id;
  /** Configures a flag in production, on unless `input` says otherwise. */
  const configure = (flagId: string, input: Record<string, unknown>) =>
    gql(
      `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`,
      { input: { flagId, environmentId: ws.env.production, enabled: true, ...input } },
    );
  return { ...ws, gql, flag, configure, key, keyId };
}

/** A boolean flag's default serve: `on` to so many basis points, `off` to the rest. */
export const rollout = (on: number) => ({
  rollout: [
    { variation: 'on', weight: on },
    { variation: 'off', weight: 10_000 - on },
  ],
});

export type FeatureFlagsWorkspace = Awaited<ReturnType<typeof featureFlagsWorkspace>>;

// The package's evaluation (routes.md §2.3), as far as the tests' flags need it: what the package
// would serve from the flag objects Vexil syncs.

/** A flag object as synced. */
export type PackageFlag = Record<string, any>;
/** The package's context: an id and traits. */
export type PackageContext = { id: string; traits: Record<string, unknown> };

const bucketOf = (seed: string) => murmur3(seed) % 10_000;

function conditionHolds(condition: Record<string, any>, context: PackageContext, segments: any[]): boolean {
  if (condition.type === 'segment') {
    const segment = segments.find((candidate) => candidate.key === condition.segment);
    return (segment?.rules ?? []).some((rule: { conditions: Record<string, any>[] }) =>
      rule.conditions.every((inner) => conditionHolds(inner, context, segments)),
    );
  }
  const actual = context.traits[condition.trait];
  switch (condition.operator) {
    case 'equals':
      return actual === condition.value;
    case 'in':
      return (condition.value as unknown[]).includes(actual);
    case 'ends_with':
      return typeof actual === 'string' && actual.endsWith(condition.value);
    default:
      throw new Error(`operator ${condition.operator} not modelled here`);
  }
}

/** `FlagEvaluator::evaluate` without dependencies and experiments, which these flags do not use. */
export function packageValue(flag: PackageFlag, context: PackageContext, segments: any[]): unknown {
  if (!flag.enabled) return flag.default_value;
  const rules = [...flag.rules].sort((a, b) => a.priority - b.priority);
  for (const rule of rules)
    if (rule.conditions.every((condition: any) => conditionHolds(condition, context, segments)))
      return rule.value;
  const percentage = flag.rollout_percentage;
  if (percentage === null) return flag.default_value;
  if (percentage >= 100) return flag.default_value;
  if (percentage <= 0) return false;
  return bucketOf(`${flag.key}${context.id}`) < percentage * 100 ? flag.default_value : false;
}
