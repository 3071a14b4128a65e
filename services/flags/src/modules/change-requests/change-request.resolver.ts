import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError, PageArgs, paginate } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { requireAdmin, requireOrganization, writerOf } from '../access.js';
import { EnvironmentType } from '../environments/environment.type.js';
import { patchOf, UpdateFlagConfigurationInput } from '../flag-configs/flag-config.inputs.js';
import { locateConfiguration } from '../flag-configs/flag-locator.js';
import { OrganizationRef } from '../organizations/organization.type.js';
import { changeRequestStatuses, type ChangeRequest } from './change-request.entity.js';
import { ChangeRequestConnection, ChangeRequestType, toChangeRequestType } from './change-request.type.js';

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
    @Arg('changeType', () => String, {
      nullable: true,
      description: 'Your own label for the change (kept, not interpreted).',
    })
    changeType: string | null,
    @Ctx() { principal, changeRequests, em }: FlagsContext,
  ): Promise<ChangeRequestType> {
    const writer = writerOf(principal);
    return toChangeRequestType(
      await changeRequests.request(writer, {
        ...(await locateConfiguration(em, writer.organizationId, input)),
        patch: patchOf(input),
        note,
        changeType,
      }),
    );
  }

  @Query(() => ChangeRequestType, { description: 'One change request of the caller’s organization.' })
  async changeRequest(
    @Arg('id', () => ID, { description: 'The change request.' }) id: string,
    @Ctx() { principal, loaders }: FlagsContext,
  ): Promise<ChangeRequestType> {
    const requests = await loaders.changeRequestsByOrganization.load(requireOrganization(principal));
    const request = requests.find((candidate) => candidate.id === id);
    if (!request) throw new DomainError('NOT_FOUND', 'change request not found');
    return toChangeRequestType(request);
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
    return inStatus(requests, status).map(toChangeRequestType);
  }
}

@Resolver(() => OrganizationRef)
export class OrganizationChangeRequestsResolver {
  @FieldResolver(() => ChangeRequestConnection, {
    description: 'The organization’s change requests, newest first.',
  })
  async changeRequests(
    @Root() organization: OrganizationRef,
    @Arg('status', () => String, { nullable: true, description: 'Only requests in this status.' })
    status: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders }: FlagsContext,
  ) {
    const requests = await loaders.changeRequestsByOrganization.load(organization.id);
    return paginate(inStatus(requests, status).map(toChangeRequestType), page);
  }
}

/** The requests in `status` (all when null); an unknown status is a mistake, not an empty list. */
function inStatus(requests: ChangeRequest[], status: string | null): ChangeRequest[] {
  if (!status) return requests;
  if (!(changeRequestStatuses as readonly string[]).includes(status)) {
    throw DomainError.validation({ status: [`must be one of ${changeRequestStatuses.join(', ')}`] });
  }
  return requests.filter((request) => request.status === status);
}
