import { organizationOf } from '@vexil/platform';
import { Type } from '@sinclair/typebox';
import { Uuid } from '../request-schema.js';
import { resource, type RestRoute } from '../rest-route.js';
import { Nullable, Timestamp } from './schemas.js';

const ONBOARDING_STEPS = [
  'plan_selected',
  'first_flag_created',
  'first_sdk_connected',
  'first_evaluation',
  'tour_completed',
] as const;
const camel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

const Onboarding = Type.Object({
  org_id: Type.String({ format: 'uuid' }),
  ...Object.fromEntries(ONBOARDING_STEPS.map((step) => [step, Type.Boolean()])),
  completed: Type.Boolean({ description: 'the four first steps were all done at some point' }),
  completed_at: Nullable(Timestamp),
  updated_at: Timestamp,
});

const PinnedItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  project_id: Type.String({ format: 'uuid' }),
  resource_type: Type.String(),
  resource_id: Type.String(),
  created_at: Timestamp,
});

/**
 * FeatureSignals' account and workspace routes (routes.md §1.8): the organization's onboarding, the
 * user's hints, mail preferences and pinned items, and feedback. Identity keeps all of it.
 */
export const featureSignalsAccountRoutes = resource<RestRoute>('Account', [
  {
    method: 'GET',
    path: '/onboarding',
    auth: 'user',
    summary: "The organization's first steps and whether they are done",
    operation: 'Onboarding',
    result: ({ organization }, { principal }) => ({
      org_id: organizationOf(principal),
      ...organization.onboarding,
    }),
    response: Onboarding,
  },
  {
    method: 'PATCH',
    path: '/onboarding',
    auth: 'user',
    summary: 'Mark first steps done or not done; the four first steps done complete the onboarding',
    operation: 'UpdateOnboarding',
    request: {
      body: Type.Object(
        Object.fromEntries(ONBOARDING_STEPS.map((step) => [step, Type.Optional(Type.Boolean())])),
      ),
    },
    example: { first_flag_created: true },
    variables: ({ body }) => ({
      input: Object.fromEntries(ONBOARDING_STEPS.map((step) => [camel(step), body[step]])),
    }),
    result: ({ updateOnboarding }, { principal }) => ({
      org_id: organizationOf(principal),
      ...updateOnboarding,
    }),
    response: Onboarding,
  },
  {
    method: 'GET',
    path: '/users/me/hints',
    auth: 'user',
    summary: 'The console hints you dismissed',
    operation: 'Preferences',
    result: ({ preferences }) => ({ hints: preferences.dismissedHints }),
    response: Type.Object({ hints: Type.Array(Type.String()) }),
  },
  {
    method: 'POST',
    path: '/users/me/hints',
    auth: 'user',
    summary: 'Dismiss a console hint for good',
    operation: 'DismissHint',
    request: {
      body: Type.Object({ hint_id: Type.String({ minLength: 1 }) }),
      message: 'hint_id is required',
    },
    example: { hint_id: 'flags-list-intro' },
    variables: ({ body }) => ({ hintId: body.hint_id }),
    result: undefined,
  },
  {
    method: 'PUT',
    path: '/users/me/email-preferences',
    auth: 'user',
    summary:
      'Say what mail you want beyond your account’s own (resets, verification and invitations always come)',
    operation: 'UpdateEmailPreferences',
    request: {
      body: Type.Object({
        consent: Type.Boolean(),
        preference: Type.Union([
          Type.Literal('all'),
          Type.Literal('important'),
          Type.Literal('transactional'),
        ]),
      }),
      message: 'preference must be all, important, or transactional',
    },
    example: { consent: true, preference: 'important' },
    variables: ({ body }) => ({ consent: body.consent, preference: body.preference }),
    result: undefined,
  },
  {
    method: 'POST',
    path: '/feedback',
    auth: 'user',
    summary: 'Send feedback to the operators of this install',
    operation: 'SubmitFeedback',
    request: {
      body: Type.Object({
        message: Type.String({ minLength: 1 }),
        type: Type.Optional(Type.String()),
        sentiment: Type.Optional(Type.String()),
        page: Type.Optional(Type.String()),
      }),
    },
    example: { type: 'idea', sentiment: 'positive', message: 'Love the flag insights', page: '/flags' },
    variables: ({ body }) => ({
      input: { message: body.message, type: body.type, sentiment: body.sentiment, page: body.page },
    }),
    result: () => ({ status: 'received' }),
    response: Type.Object({ status: Type.Literal('received') }),
    status: 201,
  },
  {
    method: 'GET',
    path: '/projects/:projectID/pinned',
    auth: 'user',
    summary: 'What you pinned in a project, newest first',
    operation: 'PinnedItems',
    list: true,
    variables: ({ params, page }) => ({ projectId: params.projectID, ...page }),
    result: 'pinnedItems',
    response: PinnedItem,
  },
  {
    method: 'POST',
    path: '/pinned',
    auth: 'user',
    summary: 'Pin something of a project; pinning it again changes nothing',
    operation: 'PinItem',
    request: {
      body: Type.Object({
        project_id: Uuid(),
        resource_type: Type.String({ minLength: 1 }),
        resource_id: Type.String({ minLength: 1 }),
      }),
      message: 'project_id, resource_type, and resource_id are required',
    },
    example: {
      project_id: '8d0b6a52-3f4e-4a1b-9c1d-2e3f4a5b6c7d',
      resource_type: 'flag',
      resource_id: 'new-checkout',
    },
    variables: ({ body }) => ({
      input: { projectId: body.project_id, resourceType: body.resource_type, resourceId: body.resource_id },
    }),
    result: 'pinItem',
    response: PinnedItem,
    status: 201,
  },
  {
    method: 'DELETE',
    path: '/pinned/:pinnedID',
    auth: 'user',
    summary: 'Unpin',
    operation: 'UnpinItem',
    variables: ({ params }) => ({ id: params.pinnedID }),
    result: undefined,
  },
]);
