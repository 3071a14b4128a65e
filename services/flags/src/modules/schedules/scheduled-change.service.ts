import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type ServiceRuntime } from '@vexil/platform';
import type { ConfigPatch } from '../flag-configs/config-patch.js';
import type { FlagConfigService } from '../flag-configs/flag-config.service.js';
import type { Writer } from '../flags/flag.service.js';
import { ScheduledChange } from './scheduled-change.entity.js';

/** Scheduling and cancelling configuration changes; the {@link Scheduler} applies them. */
export class ScheduledChangeService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly configs: FlagConfigService,
  ) {}

  async schedule(
    writer: Writer,
    plan: { flagId: string; environmentId: string; patch: ConfigPatch; runAt: Date },
  ): Promise<ScheduledChange> {
    if (Number.isNaN(plan.runAt.getTime())) throw DomainError.validation({ runAt: ['must be a date-time'] });
    const { requiresApproval } = await this.configs.check(writer, plan);
    if (requiresApproval)
      throw new DomainError(
        'INSUFFICIENT_PERMISSIONS',
        'this environment requires approval; use a change request',
      );
    return this.runtime.relay.transaction(this.em, async (em) => {
      const change = em.create(ScheduledChange, {
        ...plan,
        organizationId: writer.organizationId,
        createdBy: writer.actor,
      });
      this.record(em, writer, 'flag.change_scheduled', change);
      return change;
    });
  }

  cancel(writer: Writer, id: string): Promise<ScheduledChange> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      const change = await em.findOne(ScheduledChange, { id, organizationId: writer.organizationId });
      if (!change) throw new DomainError('NOT_FOUND', 'scheduled change not found');
      if (change.status !== 'pending')
        throw new DomainError('CONFLICT', `the change is already ${change.status}`);
      change.status = 'canceled';
      this.record(em, writer, 'flag.scheduled_change_canceled', change);
      return change;
    });
  }

  private record(em: EntityManager, writer: Writer, type: string, change: ScheduledChange): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: writer.organizationId,
      // The audit log files a scheduled change under the flag it changes.
      aggregateId: change.flagId,
      actor: writer.actor,
      payload: {
        scheduledChangeId: change.id,
        flagId: change.flagId,
        environmentId: change.environmentId,
        runAt: change.runAt.toISOString(),
        patch: change.patch,
      },
    });
  }
}
