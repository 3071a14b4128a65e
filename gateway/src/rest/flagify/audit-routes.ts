import { Type } from '@sinclair/typebox';
import { AUDIT_SOURCES, DomainError } from '@vexil/platform';
import { Uuid } from '../request-schema.js';
import { resource, type RestRequest, type RestRoute } from '../rest-route.js';
import { AuditPage } from './schemas.js';

type Data = Record<string, any>;

const oneOf = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));

/** The page size Flagify's audit log takes: `limit` 1–200, 50 by default (its MCP server's bounds). */
function limitOf({ query }: RestRequest): number {
  const limit = Number(query.get('limit') ?? 50);
  if (!(limit >= 1 && limit <= 200)) throw DomainError.validation({ limit: ['must be between 1 and 200'] });
  return limit;
}

/** The GraphQL filter of Flagify's query parameters. */
const filterOf = ({ query }: RestRequest) => ({
  actions: query.get('action') ? [query.get('action')] : undefined,
  resourceTypes: query.get('resourceType') ? [query.get('resourceType')] : undefined,
  ...(query.get('actorUserId') ? { actorType: 'user', actorId: query.get('actorUserId') } : {}),
  projectId: query.get('projectId'),
  source: query.get('source'),
});

/** An audit entry as Flagify's `AuditEvent`: its metadata is the event's payload. */
const toAuditEvent = (event: Data, workspaceId: string) => ({
  id: event.id,
  workspaceId,
  actorId: event.actorId,
  actorEmail: event.actorUser?.email ?? null,
  actorType: event.actorType === 'apiKey' ? 'api_key' : event.actorType,
  source: event.source,
  action: event.action,
  resourceType: event.resourceType,
  resourceId: event.resourceId,
  projectId: event.projectId,
  environmentId: event.environmentId,
  metadata: event.data,
  createdAt: event.occurredAt,
});

/** Flagify's audit log (routes.md §4.2): a workspace's events, newest first, paged by cursor. */
export const flagifyAuditRoutes = resource<RestRoute>('Audit', [
  {
    method: 'GET',
    path: '/v1/workspaces/:workspaceID/audit',
    auth: 'user',
    summary: "A workspace's audit log, newest first: who changed what, from where (cli, mcp, web, api)",
    operation: 'FlagifyAuditLog',
    request: {
      query: Type.Object({
        limit: Type.Optional(Type.String({ pattern: '^[0-9]+$', description: '1–200, default 50' })),
        cursor: Type.Optional(Type.String({ minLength: 1, description: '`nextCursor` of the page before' })),
        action: Type.Optional(Type.String({ description: 'e.g. `flag.toggled`, `key.generated`' })),
        resourceType: Type.Optional(Type.String({ description: 'e.g. `flag`, `key`, `segment`' })),
        actorUserId: Type.Optional(Type.String({ description: 'the user who made the change' })),
        projectId: Type.Optional(Uuid()),
        source: Type.Optional(oneOf(AUDIT_SOURCES)),
      }),
    },
    variables: (request) => ({
      workspaceId: request.params.workspaceID,
      filter: filterOf(request),
      first: limitOf(request),
      after: request.query.get('cursor'),
    }),
    result: ({ organization }, { params }) => {
      const { nodes, pageInfo } = organization.auditLog;
      return {
        events: (nodes as Data[]).map((event) => toAuditEvent(event, params.workspaceID!)),
        nextCursor: pageInfo.hasNextPage ? pageInfo.endCursor : null,
      };
    },
    response: AuditPage,
  },
]);
