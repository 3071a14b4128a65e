import { Type } from '@sinclair/typebox';
import { Uuid } from '../request-schema.js';
import { resource, type RestRoute } from '../rest-route.js';
import { toConfigurationInput } from './flag-state.mapping.js';
import { FlagStateBody } from './schemas.js';

type Data = Record<string, any>;

// Vexil applies an approved change at once, so what FeatureSignals lists as `approved` is `applied` here.
const STATUS = new Map([['approved', 'applied']]);

const statuses = ['pending', 'approved', 'rejected', 'applied'] as const;

/**
 * FeatureSignals `/v1/approvals` (routes.md §1.4) over Vexil's change requests: a writer proposes a
 * flag state change in an environment that requires approval; an owner or admin other than the
 * requester approves (it is applied) or rejects it.
 */
export const featureSignalsApprovalRoutes: RestRoute[] = resource<RestRoute>('Approvals', [
  {
    method: 'GET',
    path: '/approvals',
    auth: 'user',
    summary: "The organization's change requests, by status",
    operation: 'Approvals',
    list: true,
    request: {
      query: Type.Object({
        status: Type.Optional(Type.Union(statuses.map((status) => Type.Literal(status)))),
      }),
    },
    variables: ({ query, page }) => {
      const status = query.get('status');
      return { status: status ? (STATUS.get(status) ?? status) : null, ...page };
    },
    result: 'organization.changeRequests',
  },
  {
    method: 'POST',
    path: '/approvals',
    auth: 'user',
    summary: 'Propose a flag state change in an environment that requires approval',
    operation: 'RequestApproval',
    request: {
      body: Type.Object({
        flag_id: Uuid(),
        env_id: Uuid(),
        change_type: Type.String({ minLength: 1, description: 'toggle, rules, rollout, …' }),
        payload: Type.Optional(FlagStateBody),
        note: Type.Optional(Type.String()),
      }),
    },
    example: {
      flag_id: '3d9a4b8e-2c1f-4e6a-9b7d-5f0e1a2c3b4d',
      env_id: '7f1c0e4e-8a7b-4c55-9a77-0f3a2b1c9d10',
      change_type: 'toggle',
      payload: { enabled: true },
      note: 'launch',
    },
    errors: ['FLAG_NOT_FOUND', 'ENVIRONMENT_NOT_FOUND'],
    variables: ({ body }) => ({
      input: {
        flagId: body.flag_id,
        environmentId: body.env_id,
        ...(body.payload ? toConfigurationInput(body.payload as Data) : {}),
      },
      changeType: body.change_type,
      note: body.note,
    }),
    result: 'requestFlagChange',
    status: 201,
  },
  {
    method: 'GET',
    path: '/approvals/:approvalID',
    auth: 'user',
    summary: 'A change request',
    operation: 'Approval',
    variables: ({ params }) => ({ id: params.approvalID }),
    result: 'changeRequest',
  },
  {
    method: 'POST',
    path: '/approvals/:approvalID/review',
    auth: 'user',
    summary: 'Approve (the change is applied at once) or reject a change request of someone else',
    operation: 'ReviewApproval',
    request: {
      body: Type.Object({
        action: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
        note: Type.Optional(Type.String()),
      }),
    },
    example: { action: 'approve', note: 'looks right' },
    errors: ['CONFLICT'],
    variables: ({ params, body }) => ({
      id: params.approvalID,
      approve: body.action === 'approve',
      note: body.note,
    }),
    result: 'reviewChangeRequest',
  },
]);
