import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type ServiceRuntime } from '@vexil/platform';
import type { ConfigPatch } from '../flag-configs/config-patch.js';
import type { FlagConfigService } from '../flag-configs/flag-config.service.js';
import type { Writer } from '../flags/flag.service.js';
import { ChangeRequest } from './change-request.entity.js';

/**
 * Change requests for environments that require approval: anyone who may write proposes; an owner or
 * admin other than the requester approves (the change applies at once, on the version it was written
 * against) or rejects.
 */
export class ChangeRequestService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly configs: FlagConfigService,
  ) {}

  async request(
    writer: Writer,
    proposal: {
      flagId: string;
      environmentId: string;
      patch: ConfigPatch;
      note: string | null;
      changeType?: string | null;
    },
  ): Promise<ChangeRequest> {
    const { version, requiresApproval } = await this.configs.check(writer, proposal);
    if (!requiresApproval)
      throw new DomainError(
        'CONFLICT',
        'this environment does not require approval; change the flag directly',
      );
    return this.runtime.relay.transaction(this.em, async (em) => {
      const request = em.create(ChangeRequest, {
        organizationId: writer.organizationId,
        flagId: proposal.flagId,
        environmentId: proposal.environmentId,
        patch: proposal.patch,
        baseVersion: version,
        note: proposal.note,
        changeType: proposal.changeType ?? null,
        requestedBy: writer.actor,
      });
      this.record(em, writer, 'change_request.created', request);
      return request;
    });
  }

  /** Approves (and applies) or rejects a pending request. Reviewers must be owners or admins. */
  review(
    reviewer: Writer,
    id: string,
    decision: { approve: boolean; note: string | null },
  ): Promise<ChangeRequest> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      const request = await em.findOne(
        ChangeRequest,
        { id, organizationId: reviewer.organizationId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!request) throw new DomainError('NOT_FOUND', 'change request not found');
      if (request.status !== 'pending')
        throw new DomainError('CONFLICT', `the change request is already ${request.status}`);
      if (request.requestedBy.type === reviewer.actor.type && request.requestedBy.id === reviewer.actor.id) {
        throw new DomainError('INSUFFICIENT_PERMISSIONS', 'you cannot review your own change request');
      }
      request.reviewedBy = reviewer.actor;
      request.reviewNote = decision.note;
      if (decision.approve) {
        const applied = await this.configs.applyIn(em, reviewer, {
          flagId: request.flagId,
          environmentId: request.environmentId,
          expectedVersion: request.baseVersion,
          patch: request.patch,
          action: 'flag.approved_change_applied',
          approved: true,
        });
        request.status = 'applied';
        request.appliedVersion = applied.version;
      } else {
        request.status = 'rejected';
      }
      this.record(
        em,
        reviewer,
        decision.approve ? 'change_request.approved' : 'change_request.rejected',
        request,
      );
      return request;
    });
  }

  private record(em: EntityManager, writer: Writer, type: string, request: ChangeRequest): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: writer.organizationId,
      aggregateId: request.id,
      actor: writer.actor,
      payload: {
        changeRequestId: request.id,
        flagId: request.flagId,
        environmentId: request.environmentId,
        status: request.status,
        patch: request.patch,
      },
    });
  }
}
