import { Type } from '@sinclair/typebox';
import type { RestRoute } from './rest-route.js';

const name = Type.String({ minLength: 1 });
const slug = Type.String({ minLength: 1, description: 'lower-case letters, digits and `-`' });

/**
 * The project rows of the dialects whose projects are Vexil's as they are (FeatureSignals, FeatureFlags):
 * list, create, read, change (by the dialect's method) and delete, each over the graph's own operation;
 * the dialect's envelope and casing do the rest.
 */
export function projectRoutes(change: 'PUT' | 'PATCH'): Omit<RestRoute, 'tag'>[] {
  return [
    {
      method: 'GET',
      path: '/projects',
      auth: 'user',
      summary: "The organization's projects",
      operation: 'Projects',
      list: true,
      variables: ({ page }) => ({ ...page }),
      result: 'organization.projects',
    },
    {
      method: 'POST',
      path: '/projects',
      auth: 'user',
      summary: 'Create a project, with the dev, staging and production environments',
      operation: 'CreateProject',
      request: { body: Type.Object({ name, slug: Type.Optional(slug) }) },
      example: { name: 'Storefront', slug: 'storefront' },
      errors: ['PROJECT_SLUG_CONFLICT', 'PLAN_LIMIT_EXCEEDED'],
      variables: ({ body }) => ({ input: { name: body.name, slug: body.slug } }),
      result: 'createProject',
      status: 201,
    },
    {
      method: 'GET',
      path: '/projects/:projectID',
      auth: 'user',
      summary: 'A project',
      operation: 'Project',
      variables: ({ params }) => ({ id: params.projectID }),
      result: 'project',
    },
    {
      method: change,
      path: '/projects/:projectID',
      auth: 'user',
      summary: 'Rename a project or change its slug',
      operation: 'UpdateProject',
      request: { body: Type.Object({ name: Type.Optional(name), slug: Type.Optional(slug) }) },
      example: { name: 'Storefront (web)' },
      errors: ['PROJECT_SLUG_CONFLICT'],
      variables: ({ params, body }) => ({
        id: params.projectID,
        input: { name: body.name, slug: body.slug },
      }),
      result: 'updateProject',
    },
    {
      method: 'DELETE',
      path: '/projects/:projectID',
      auth: 'user',
      summary: 'Delete a project with its environments, flags and keys',
      operation: 'DeleteProject',
      variables: ({ params }) => ({ id: params.projectID }),
    },
  ];
}
