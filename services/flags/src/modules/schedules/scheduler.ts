import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  backgroundEm,
  DomainError,
  periodicJob,
  type BackgroundJob,
  type ServiceRuntime,
} from '@vexil/platform';
import { FlagConfigService } from '../flag-configs/flag-config.service.js';
import { ScheduledChange } from './scheduled-change.entity.js';

/**
 * Applies due scheduled changes. Every instance runs one; `for update skip locked` hands each change
 * to exactly one of them. A change that no longer applies (deleted variation, …) is marked failed with
 * the reason, never retried forever.
 */
export function startScheduler(runtime: ServiceRuntime, intervalMs = 1000): BackgroundJob {
  const tick = async () => {
    const em = backgroundEm(runtime.orm);
    const due = await em.find(
      ScheduledChange,
      { status: 'pending', runAt: { $lte: new Date() } },
      { orderBy: { runAt: 'asc' }, limit: 50, fields: ['id'] },
    );
    for (const { id } of due) await apply(backgroundEm(runtime.orm), id);
  };
  const apply = async (em: EntityManager, id: string) => {
    try {
      await runtime.relay.transaction(em, async (tx) => {
        const [change] = await tx.find(
          ScheduledChange,
          { id, status: 'pending' },
          { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
        );
        if (!change) return;
        const applied = await new FlagConfigService(tx, runtime).applyIn(
          tx,
          { organizationId: change.organizationId, actor: { type: 'system', id: 'scheduler' } },
          {
            flagId: change.flagId,
            environmentId: change.environmentId,
            patch: change.patch,
            action: 'flag.scheduled_change_applied',
          },
        );
        change.status = 'applied';
        change.appliedVersion = applied.version;
      });
    } catch (error) {
      const reason = error instanceof DomainError ? error.message : 'internal error';
      if (!(error instanceof DomainError)) runtime.log.error('scheduled change failed', { id, error });
      await em
        .fork()
        .nativeUpdate(ScheduledChange, { id, status: 'pending' }, { status: 'failed', error: reason });
    }
  };
  return periodicJob(runtime.log, 'scheduler tick failed', intervalMs, tick);
}
