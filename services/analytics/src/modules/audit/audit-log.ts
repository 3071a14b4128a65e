import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  AUDIT_SOURCES,
  DomainError,
  decodeCursor,
  pageBounds,
  pageOf,
  type AuditSource,
  type Connection,
} from '@vexil/platform';
import { Field, ID, InputType } from 'type-graphql';
import { AuditEvent } from './audit-event.entity.js';
import { toAuditEventType, type AuditEventType } from './audit-event.type.js';

/** Which entries of an audit log to read; every criterion given must hold. */
@InputType({ description: 'Which audit entries to read; every criterion given must hold.' })
export class AuditLogFilter {
  @Field(() => [String], { nullable: true, description: 'Actions, e.g. `flag.toggled` (any of them).' })
  actions?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Resource types, e.g. `flag` (any of them).' })
  resourceTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The id of the resource changed.' })
  resourceId?: string | null;

  @Field(() => String, { nullable: true, description: '`user`, `apiKey` or `system`.' })
  actorType?: string | null;

  @Field(() => String, { nullable: true, description: 'The user, API key or system component.' })
  actorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Changes within this project.' })
  projectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Changes within this environment.' })
  environmentId?: string | null;

  @Field(() => String, { nullable: true, description: '`web`, `api`, `sdk`, `cli` or `mcp`.' })
  source?: string | null;

  @Field(() => Date, { nullable: true, description: 'At or after this instant.' })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this instant.' })
  until?: Date | null;
}

/** What a page of the log is asked with: a connection's arguments. */
export interface AuditPage {
  first?: number | null;
  after?: string | null;
  offset?: number | null;
}

// A cursor is the entry's place in the order, so a page after it is one indexed range scan.
const cursorOf = (entry: AuditEvent) => `${entry.occurredAt.toISOString()}|${entry.id}`;

function placeOf(cursor: string): { occurredAt: Date; id: string } {
  const [at, id] = decodeCursor(cursor).split('|');
  const occurredAt = new Date(at ?? '');
  if (!id || Number.isNaN(occurredAt.getTime()))
    throw DomainError.validation({ after: ['is not a cursor of this list'] });
  return { occurredAt, id };
}

function conditions(
  organizationId: string,
  filter: AuditLogFilter | null | undefined,
): FilterQuery<AuditEvent> {
  const where: FilterQuery<AuditEvent> & Record<string, unknown> = { organizationId };
  if (!filter) return where;
  if (filter.source != null && !AUDIT_SOURCES.includes(filter.source as AuditSource))
    throw DomainError.validation({ source: [`must be one of ${AUDIT_SOURCES.join(', ')}`] });
  if (filter.since && filter.until && filter.since >= filter.until)
    throw DomainError.validation({ until: ['must be after since'] });
  if (filter.actions?.length) where.action = { $in: filter.actions };
  if (filter.resourceTypes?.length) where.resourceType = { $in: filter.resourceTypes };
  if (filter.resourceId != null) where.resourceId = filter.resourceId;
  if (filter.actorType != null) where.actorType = filter.actorType;
  if (filter.actorId != null) where.actorId = filter.actorId;
  if (filter.projectId != null) where.projectId = filter.projectId;
  if (filter.environmentId != null) where.environmentId = filter.environmentId;
  if (filter.source != null) where.source = filter.source as AuditSource;
  if (filter.since || filter.until)
    where.occurredAt = {
      ...(filter.since ? { $gte: filter.since } : {}),
      ...(filter.until ? { $lt: filter.until } : {}),
    };
  return where;
}

/**
 * One page of an organization's audit log, newest first, filtered and cut in SQL: `after` continues
 * from an entry (stable while entries are added), `offset` serves dialects that page by position.
 * Entries are only ever read within one organization: a caller outside any reads none.
 */
export async function auditLogPage(
  em: EntityManager,
  organizationId: string | null,
  filter: AuditLogFilter | null | undefined,
  page: AuditPage,
): Promise<Connection<AuditEventType>> {
  const { first, offset } = pageBounds(page);
  if (!organizationId) return pageOf([], 0, false);
  const where = conditions(organizationId, filter);
  const after = page.after ? placeOf(page.after) : null;
  const ranged: FilterQuery<AuditEvent> = after
    ? {
        $and: [
          where,
          {
            $or: [
              { occurredAt: { $lt: after.occurredAt } },
              { occurredAt: after.occurredAt, id: { $lt: after.id } },
            ],
          },
        ],
      }
    : where;
  const [rows, totalCount] = await Promise.all([
    em.find(AuditEvent, ranged, {
      orderBy: { occurredAt: 'desc', id: 'desc' },
      limit: first + 1,
      offset,
    }),
    em.count(AuditEvent, where),
  ]);
  return pageOf(
    rows.slice(0, first).map((entry) => ({ node: toAuditEventType(entry), id: cursorOf(entry) })),
    totalCount,
    rows.length > first,
  );
}
