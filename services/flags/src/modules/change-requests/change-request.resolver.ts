import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { FlagsContext } from '../../context.js';
import { requireAdmin, writerOf } from '../access.js';
import { EnvironmentType } from '../environments/environment.type.js';
import { patchOf, UpdateFlagConfigurationInput } from '../flag-configs/flag-config.inputs.js';
import { locateFlag } from '../flag-configs/flag-locator.js';
import { ChangeRequestType, toChangeRequestType } from './change-request.type.js';

@Resolver(() => ChangeRequestType)
export class ChangeRequestResolver {
  @Mutation(() => ChangeRequestType, {
    description: 'Proposes a configuration change in an environment that requires approval.',
  })
  async requestFlagChange(
    @Arg('input', () => UpdateFlagConfigurationInput, {
      description: 'The change; `expectedVersion` is ignored.',
    })
    input: UpdateFlagConfigurationInput,
    @Arg('note', () => String, { nullable: true, description: 'Why the change is wanted.' })
    note: string | null,
    @Ctx() { principal, changeRequests, em }: FlagsContext,
  ): Promise<ChangeRequestType> {
    const writer = writerOf(principal);
    return toChangeRequestType(
      await changeRequests.request(writer, {
        flagId: await locateFlag(em, writer.organizationId, input),
        environmentId: input.environmentId,
        patch: patchOf(input),
        note,
      }),
    );
  }

  @Mutation(() => ChangeRequestType, {
    description: 'Approves (and applies) or rejects a change request; not your own.',
  })
  async reviewChangeRequest(
    @Arg('id', () => ID, { description: 'The change request.' }) id: string,
    @Arg('approve', () => Boolean, { description: 'true applies the change, false rejects it.' })
    approve: boolean,
    @Arg('note', () => String, { nullable: true, description: 'The reviewer’s note.' }) note: string | null,
    @Ctx() { principal, changeRequests }: FlagsContext,
  ): Promise<ChangeRequestType> {
    return toChangeRequestType(await changeRequests.review(requireAdmin(principal), id, { approve, note }));
  }
}

@Resolver(() => EnvironmentType)
export class EnvironmentChangeRequestsResolver {
  @FieldResolver(() => [ChangeRequestType], {
    description: 'Change requests of this environment, newest first.',
  })
  async changeRequests(
    @Root() environment: EnvironmentType,
    @Arg('status', () => String, { nullable: true, description: 'Only requests in this status.' })
    status: string | null,
    @Ctx() { loaders }: FlagsContext,
  ): Promise<ChangeRequestType[]> {
    const requests = await loaders.changeRequestsByEnvironment.load(environment.id);
    return requests.filter((request) => !status || request.status === status).map(toChangeRequestType);
  }
}
