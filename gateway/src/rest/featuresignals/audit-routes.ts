import { Type } from '@sinclair/typebox';
import { AUDIT_SOURCES } from '@vexil/platform';
import { EXPORT_FORMATS } from '../list-export.js';
import { Uuid } from '../request-schema.js';
import { resource, type RestRequest, type RestRoute } from '../rest-route.js';
import { Nullable, Timestamp } from './schemas.js';

const oneOf = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));

/** The audit log's filters in FeatureSignals' names (a superset of `limit`/`offset`, routes.md §1.4). */
const Filters = {
  action: Type.Optional(Type.String({ description: 'e.g. `flag.toggled`; several separated by commas' })),
  resource_type: Type.Optional(Type.String({ description: 'e.g. `flag`; several separated by commas' })),
  resource_id: Type.Optional(Type.String()),
  actor_id: Type.Optional(Type.String({ description: 'a user or API key id' })),
  project_id: Type.Optional(Uuid()),
  env_id: Type.Optional(Uuid()),
  source: Type.Optional(oneOf(AUDIT_SOURCES)),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
};

const list = (text: string | null) => (text ? text.split(',').map((item) => item.trim()) : undefined);

/** The GraphQL filter of a request's query parameters. */
const filterOf = ({ query }: RestRequest) => ({
  actions: list(query.get('action')),
  resourceTypes: list(query.get('resource_type')),
  resourceId: query.get('resource_id'),
  actorId: query.get('actor_id'),
  projectId: query.get('project_id'),
  environmentId: query.get('env_id'),
  source: query.get('source'),
  since: query.get('since'),
  until: query.get('until'),
});

const AuditEntry = Type.Object({
  id: Type.String({ format: 'uuid' }),
  actor_id: Type.String(),
  actor_type: Type.String({ description: 'user, apiKey or system' }),
  action: Type.String(),
  resource_type: Type.String(),
  resource_id: Nullable(Type.String()),
  project_id: Nullable(Type.String({ format: 'uuid' })),
  env_id: Nullable(Type.String({ format: 'uuid' })),
  source: Nullable(Type.String({ description: AUDIT_SOURCES.join(', ') })),
  request_id: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'before/after where the change has them' }),
  created_at: Timestamp,
});

/** FeatureSignals' audit routes (routes.md §1.4): the organization's log, a project's, and the export. */
export const featureSignalsAuditRoutes = resource<RestRoute>('Audit', [
  {
    method: 'GET',
    path: '/audit',
    auth: 'user',
    summary: "The organization's audit log, newest first: every change, who made it and from where",
    operation: 'AuditLog',
    list: true,
    request: { query: Type.Object(Filters) },
    variables: (request) => ({ filter: filterOf(request), ...request.page }),
    result: 'organization.auditLog',
    response: AuditEntry,
  },
  {
    method: 'GET',
    path: '/audit/export',
    auth: 'user',
    summary: 'The whole audit log as a download, NDJSON or CSV, streamed (owners and admins)',
    operation: 'AuditLogExport',
    export: { filename: 'audit' },
    request: { query: Type.Object({ ...Filters, format: Type.Optional(oneOf(EXPORT_FORMATS)) }) },
    variables: (request) => ({ filter: filterOf(request) }),
    result: ({ organization }) => ({
      nodes: organization.auditLogExport.nodes,
      totalCount: organization.auditLogExport.totalCount,
      next: organization.auditLogExport.pageInfo.hasNextPage
        ? organization.auditLogExport.pageInfo.endCursor
        : null,
    }),
    response: AuditEntry,
  },
  {
    method: 'GET',
    path: '/projects/:projectID/activity',
    auth: 'user',
    summary: 'Every change within a project (flags, environments, segments, keys…), newest first',
    operation: 'ProjectActivity',
    list: true,
    request: { query: Type.Object(Filters) },
    variables: (request) => ({ id: request.params.projectID, filter: filterOf(request), ...request.page }),
    result: 'project.auditLog',
    response: AuditEntry,
  },
]);
