import { resource, type RestRoute } from '../rest-route.js';
import { toSegment, toSegmentInput } from './segment.mapping.js';
import { CreateSegmentBody, Segment } from './schemas.js';

type Data = Record<string, any>;

/** Flagify's segments (routes.md §4.2): a project's list, create, and delete by id. */
export const flagifySegmentRoutes = resource<RestRoute>('Segments', [
  {
    method: 'GET',
    path: '/v1/projects/:projectID/segments',
    auth: 'user',
    summary: "A project's segments",
    operation: 'FlagifySegments',
    list: true,
    variables: ({ params, page }) => ({ projectId: params.projectID, ...page }),
    result: ({ project }, { params }) => ({
      nodes: (project.segments.nodes as Data[]).map((segment) => toSegment(segment, params.projectID!)),
      totalCount: project.segments.totalCount,
    }),
    response: Segment,
  },
  {
    method: 'POST',
    path: '/v1/projects/:projectID/segments',
    auth: 'user',
    summary: 'Create a segment: users matching all (or any) of its rules',
    operation: 'FlagifyCreateSegment',
    request: { body: CreateSegmentBody },
    example: {
      name: 'Pro users',
      matchType: 'ALL',
      rules: [{ attribute: 'plan', operator: 'equals', value: 'pro' }],
    },
    errors: ['CONFLICT'],
    variables: ({ params, body }) => ({ projectId: params.projectID, input: toSegmentInput(body) }),
    result: ({ createSegment }, { params }) => toSegment(createSegment, params.projectID!),
    response: Segment,
    status: 201,
  },
  {
    method: 'DELETE',
    path: '/v1/segments/:segmentID',
    auth: 'user',
    summary: 'Delete a segment no targeting rule uses',
    operation: 'FlagifyDeleteSegment',
    errors: ['CONFLICT'],
    variables: ({ params }) => ({ id: params.segmentID }),
  },
]);
