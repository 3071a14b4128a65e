import type { Ruleset } from '@vexil/evaluation';
import type { FlagsContext } from '../../context.js';
import type { Environment } from '../environments/environment.entity.js';
import { FlagConfig } from '../flag-configs/flag-config.entity.js';
import { buildRuleset } from './ruleset.js';

/** Loads the ruleset snapshot of one environment (three queries, whatever its size). */
export async function loadEnvironmentRuleset(
  { em, loaders }: Pick<FlagsContext, 'em' | 'loaders'>,
  environment: Pick<Environment, 'id' | 'projectId'>,
): Promise<Ruleset> {
  const [flags, segments, configs] = await Promise.all([
    loaders.flagsByProject.load(environment.projectId),
    loaders.segmentsByProject.load(environment.projectId),
    em.find(FlagConfig, { environmentId: environment.id }),
  ]);
  return buildRuleset(flags, new Map(configs.map((config) => [config.flagId, config])), segments);
}
