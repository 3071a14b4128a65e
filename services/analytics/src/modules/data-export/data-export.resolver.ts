import { Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { actorOf, executeBound, requirePermission } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';

/** A data export begun: when, and what the audit log holds (the export says so without copying it). */
@ObjectType('DataExportReceipt', { description: 'A data export begun, with a summary of the audit log.' })
export class DataExportReceipt {
  @Field(() => Date, { description: 'When the export began.' })
  exportedAt!: Date;

  @Field(() => Int, { description: 'Entries in the organization’s audit log.' })
  auditEntries!: number;

  @Field(() => Date, { nullable: true, description: 'The oldest entry.' })
  oldestAuditEntryAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The newest entry.' })
  newestAuditEntryAt!: Date | null;
}

/**
 * The start of an organization's data export. Reading the data is ordinary queries of the subgraphs that
 * own it; this is where the export is allowed (owners and admins, on a plan with data export) and where
 * it is recorded, as FeatureSignals audits each export.
 */
@Resolver()
export class DataExportResolver {
  @Mutation(() => DataExportReceipt, {
    description:
      'Begins a data export of your organization (owners and admins, on a plan with data export) and records it in the audit log; the data is read by queries after.',
  })
  async beginDataExport(
    @Ctx() { em, runtime, principal, plans }: AnalyticsContext,
  ): Promise<DataExportReceipt> {
    const organizationId = requirePermission(principal, 'admin');
    await plans.requireFeature(em, organizationId, 'dataExport');
    const [summary] = await executeBound<{ entries: number; oldest: Date | null; newest: Date | null }>(
      em,
      `select count(*)::int as entries, min(occurred_at) as oldest, max(occurred_at) as newest
       from analytics.audit_events where organization_id = $1`,
      [organizationId],
    );
    const exportedAt = runtime.now();
    await runtime.relay.transaction(em, async (tx) => {
      runtime.relay.record(tx, {
        type: 'data.exported',
        organizationId,
        aggregateId: organizationId,
        actor: actorOf(principal),
        payload: { exportedAt },
      });
    });
    return {
      exportedAt,
      auditEntries: summary!.entries,
      oldestAuditEntryAt: summary!.oldest && new Date(summary!.oldest),
      newestAuditEntryAt: summary!.newest && new Date(summary!.newest),
    };
  }
}
