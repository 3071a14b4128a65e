import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FlagsContext } from '../../context.js';
import { snapshotOf } from '../flag-configs/config-snapshot.js';
import { ProjectType } from '../projects/project.type.js';
import { flagHealth } from './flag-health.js';
import { FlagHealthIssueType } from './flag-health.type.js';

@Resolver(() => ProjectType)
export class ProjectFlagHealthResolver {
  @FieldResolver(() => [FlagHealthIssueType], {
    description:
      'Configuration problems of the project’s live flags: on in an environment but off in the one before it, drift between stages, rules that change nothing.',
  })
  async flagHealth(
    @Root() project: ProjectType,
    @Ctx() { loaders }: FlagsContext,
  ): Promise<FlagHealthIssueType[]> {
    const [flags, environments] = await Promise.all([
      loaders.flagsByProject.load(project.id),
      loaders.environmentsByProject.load(project.id),
    ]);
    const live = flags.filter((flag) => !flag.archivedAt);
    const rows = await loaders.configByFlagEnvironment.loadMany(
      live.flatMap((flag) => environments.map((environment) => `${flag.id}:${environment.id}`)),
    );
    const byPair = new Map(
      rows.flatMap((row) =>
        row && !(row instanceof Error) ? [[`${row.flagId}:${row.environmentId}`, row]] : [],
      ),
    );
    return flagHealth(live, environments, (flagId, environmentId) => {
      const row = byPair.get(`${flagId}:${environmentId}`);
      return row ? snapshotOf(row) : null;
    });
  }
}
