import { everyNode, type RunOperation } from '../document-download.js';
import { resource, type RestRoute } from '../rest-route.js';
import { toFlagState } from './flag-state.mapping.js';
import { toFlagResponse } from './flag.mapping.js';

type Data = Record<string, any>;

/** Members and webhooks are read by position, as their lists page. */
async function* byOffset(
  run: RunOperation,
  operation: string,
  at: (data: Data) => Data,
): AsyncIterable<Data> {
  for (let offset = 0; ; offset += 200) {
    const { nodes, totalCount } = at(await run(operation, { first: 200, offset }));
    yield* nodes;
    if (offset + 200 >= totalCount) return;
  }
}

/** `[a,b,…]` as pieces, one item at a time. */
async function* array<T>(
  items: AsyncIterable<T>,
  render: (item: T) => AsyncIterable<string>,
): AsyncIterable<string> {
  yield '[';
  let first = true;
  for await (const item of items) {
    if (!first) yield ',';
    first = false;
    yield* render(item);
  }
  yield ']';
}

async function* json(value: unknown): AsyncIterable<string> {
  yield JSON.stringify(value);
}

/**
 * One project of the export: its environments, and its flags (with their configuration in every
 * environment, as FeatureSignals' flag states) and segments, page after page.
 */
async function* project(run: RunOperation, { id, name, slug, environments }: Data): AsyncIterable<string> {
  yield `{"id":${JSON.stringify(id)},"name":${JSON.stringify(name)},"slug":${JSON.stringify(slug)},"environments":`;
  yield JSON.stringify(environments.nodes);
  yield ',"flags":';
  const flags = everyNode<Data>(
    async (after) => (await run('DataExportFlags', { projectId: id, after })).project.flags,
  );
  yield* array(flags, ({ configurations, ...flag }) =>
    json({ ...toFlagResponse(flag), states: configurations.map(toFlagState) }),
  );
  yield ',"segments":';
  const segments = everyNode<Data>(
    async (after) => (await run('DataExportSegments', { projectId: id, after })).project.segments,
  );
  yield* array(segments, json);
  yield '}';
}

/**
 * FeatureSignals' `GET /v1/data/export` (routes.md §1.8): the organization's data as one JSON document,
 * streamed as it is read, so its size is not bounded by memory. Owners and admins, on a plan with data
 * export; each export is recorded in the audit log. Vexil's flags carry their targeting per environment.
 */
export const featureSignalsDataExportRoutes = resource<RestRoute>('Data export', [
  {
    method: 'GET',
    path: '/data/export',
    auth: 'user',
    summary:
      "The organization's data as one JSON document: projects, environments, flags with their targeting, segments, members, webhooks",
    operation: 'BeginDataExport',
    download: {
      filename: 'vexil-export.json',
      operations: [
        'DataExportOrganization',
        'DataExportProjects',
        'DataExportFlags',
        'DataExportSegments',
        'Members',
        'Webhooks',
      ],
      async *write(run) {
        const { beginDataExport: begun } = await run('BeginDataExport');
        const { organization } = await run('DataExportOrganization');
        yield `{"exported_at":${JSON.stringify(begun.exportedAt)},"organization":${JSON.stringify(organization)},"projects":`;
        const projects = everyNode<Data>(
          async (after) => (await run('DataExportProjects', { after })).organization.projects,
        );
        yield* array(projects, (item) => project(run, item));
        yield ',"members":';
        yield* array(
          byOffset(run, 'Members', (data) => data.members),
          json,
        );
        yield ',"webhooks":';
        yield* array(
          byOffset(run, 'Webhooks', (data) => data.organization.webhooks),
          json,
        );
        yield `,"audit_summary":${JSON.stringify({
          total_entries: begun.auditEntries,
          oldest_entry: begun.oldestAuditEntryAt,
          newest_entry: begun.newestAuditEntryAt,
        })}}`;
      },
    },
  },
]);
