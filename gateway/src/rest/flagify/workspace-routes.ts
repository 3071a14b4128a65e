import { Type } from '@sinclair/typebox';
import { resource, type RestRequest, type RestRoute } from '../rest-route.js';
import { projectOf } from './flag.mapping.js';
import { Environment, Project, Workspace } from './schemas.js';

type Data = Record<string, any>;

/** A Vexil environment as Flagify's: it changes only by name and color, so it reads as created then. */
const toEnvironment = (environment: Data, projectId: string) => ({
  id: environment.id,
  projectId,
  key: environment.key,
  name: environment.name,
  color: environment.color,
  createdAt: environment.createdAt,
  updatedAt: environment.createdAt,
});

/** A Vexil project as Flagify's, with its environments (the CLI picks one from them). */
const toProject = (project: Data, workspaceId: string) => ({
  id: project.id,
  workspaceId,
  name: project.name,
  slug: project.slug,
  environments: (project.environments.nodes as Data[]).map((environment) =>
    toEnvironment(environment, project.id),
  ),
  createdAt: project.createdAt,
  updatedAt: project.updatedAt,
});

const environments = (project: Data) => ({
  nodes: (project.environments.nodes as Data[]).map((environment) => toEnvironment(environment, project.id)),
  totalCount: project.environments.totalCount,
});

/** Flagify's workspaces (Vexil's organizations), projects and environments (routes.md §4.2). */
export const flagifyWorkspaceRoutes: RestRoute[] = [
  ...resource<RestRoute>('Workspaces', [
    {
      method: 'GET',
      path: '/v1/workspaces',
      auth: 'user',
      summary: 'The workspaces (organizations) of the signed-in user, with their plans',
      operation: 'FlagifyWorkspaces',
      list: true,
      variables: ({ page }) => ({ ...page }),
      result: ({ myOrganizations }) => ({
        nodes: (myOrganizations.nodes as Data[]).map((organization) => ({
          id: organization.id,
          name: organization.name,
          slug: organization.slug,
          plan: organization.subscription?.plan ?? 'self-hosted',
        })),
        totalCount: myOrganizations.totalCount,
      }),
      response: Workspace,
    },
    {
      method: 'GET',
      path: '/v1/workspaces/:workspaceID/projects',
      auth: 'user',
      summary: "A workspace's projects, each with its environments (the workspace the token acts in)",
      operation: 'FlagifyProjects',
      list: true,
      variables: ({ params, page }) => ({ workspaceId: params.workspaceID, ...page }),
      result: ({ organization }) => ({
        nodes: (organization.projects.nodes as Data[]).map((project) => toProject(project, organization.id)),
        totalCount: organization.projects.totalCount,
      }),
      response: Project,
    },
  ]),
  ...resource<RestRoute>('Projects', [
    {
      method: 'GET',
      path: '/v1/projects/:projectID',
      auth: 'user',
      summary: 'A project, with its environments',
      operation: 'FlagifyProject',
      variables: ({ params }) => ({ id: params.projectID }),
      result: ({ project }) => toProject(project, project.organization.id),
      response: Project,
    },
    {
      method: 'DELETE',
      path: '/v1/projects/:projectID',
      auth: 'user',
      summary: 'Delete a project with its environments, flags, segments and keys',
      operation: 'DeleteProject',
      variables: ({ params }) => ({ id: params.projectID }),
    },
  ]),
  ...resource<RestRoute>('Environments', [
    {
      method: 'GET',
      path: '/v1/projects/:projectID/environments',
      auth: 'user',
      summary: "A project's environments",
      operation: 'FlagifyEnvironments',
      list: true,
      variables: ({ params, page }) => ({ projectId: params.projectID, ...page }),
      result: ({ project }) => environments(project),
      response: Environment,
    },
    {
      method: 'GET',
      path: '/v1/environments',
      auth: 'user',
      summary: "The environments of the API key's project (or of `?projectId=` with a user token)",
      operation: 'FlagifyEnvironments',
      list: true,
      request: { query: Type.Object({ projectId: Type.Optional(Type.String({ format: 'uuid' })) }) },
      variables: (request: RestRequest) => ({ projectId: projectOf(request), ...request.page }),
      result: ({ project }) => environments(project),
      response: Environment,
    },
  ]),
];
