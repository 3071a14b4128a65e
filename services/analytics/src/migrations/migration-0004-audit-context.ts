import { Migration } from '@mikro-orm/migrations';

/**
 * Where each audit entry came from (source, request) and the project and environment it touched, so the
 * log filters and pages in SQL: newest first by (occurred_at, id), within an organization.
 */
export class Migration0004AuditContext extends Migration {
  override name = '0004-audit-context';

  override up(): void {
    this.addSql(`alter table analytics.audit_events
      add column source text null,
      add column request_id text null,
      add column project_id uuid null,
      add column environment_id uuid null`);
    const uuid = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;
    this.addSql(`update analytics.audit_events set
      project_id = case when data->>'projectId' ~ ${uuid} then (data->>'projectId')::uuid end,
      environment_id = case when data->>'environmentId' ~ ${uuid} then (data->>'environmentId')::uuid end`);
    this.addSql(`drop index analytics.audit_events_organization_id_occurred_at_index`);
    // Read backwards, each serves "newest first" of its filter.
    this.addSql(`create index audit_events_page_index
      on analytics.audit_events (organization_id, occurred_at, id)`);
    this.addSql(`create index audit_events_resource_index
      on analytics.audit_events (organization_id, resource_type, resource_id, occurred_at)`);
    this.addSql(
      `create index audit_events_project_index on analytics.audit_events (project_id, occurred_at)`,
    );
  }
}
