import { DomainError } from '@vexil/platform';
import type { ListResult, RestRoute } from '../rest-route.js';
import { toConfigurationInput } from './flag-state.mapping.js';

type Data = Record<string, any>;

// Vexil applies an approved change at once, so what FeatureSignals lists as `approved` is `applied` here.
const STATUS = new Map([['approved', 'applied']]);

const DECISION = new Map([
  ['approve', true],
  ['reject', false],
]);

/** A FeatureSignals approval `payload` (a flag state change, routes.md §1.3) as configuration fields. */
function payloadOf(payload: unknown): Data {
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== 'object' || Array.isArray(payload))
    throw DomainError.validation({ payload: ['must be a flag state object'] });
  return toConfigurationInput(payload as Data);
}

/**
 * FeatureSignals `/v1/approvals` (routes.md §1.4) over Vexil's change requests: a writer proposes a
 * flag state change in an environment that requires approval; an owner or admin other than the
 * requester approves (it is applied) or rejects it.
 */
export const featureSignalsApprovalRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/approvals',
    auth: 'user',
    operation: 'Approvals',
    list: true,
    variables: ({ query, page }) => {
      const status = query.get('status');
      return { status: status ? (STATUS.get(status) ?? status) : null, ...page };
    },
    result: (data) => (data.organization as { changeRequests: ListResult }).changeRequests,
  },
  {
    method: 'POST',
    path: '/approvals',
    auth: 'user',
    operation: 'RequestApproval',
    variables: ({ body }) => ({
      input: { flagId: body.flag_id, environmentId: body.env_id, ...payloadOf(body.payload) },
      changeType: body.change_type,
      note: body.note,
    }),
    result: (data) => data.requestFlagChange,
    status: 201,
  },
  {
    method: 'GET',
    path: '/approvals/:approvalID',
    auth: 'user',
    operation: 'Approval',
    variables: ({ params }) => ({ id: params.approvalID }),
    result: (data) => data.changeRequest,
  },
  {
    method: 'POST',
    path: '/approvals/:approvalID/review',
    auth: 'user',
    operation: 'ReviewApproval',
    variables: ({ params, body }) => {
      const approve = DECISION.get(String(body.action));
      if (approve === undefined) throw DomainError.validation({ action: ['must be "approve" or "reject"'] });
      return { id: params.approvalID, approve, note: body.note };
    },
    result: (data) => data.reviewChangeRequest,
  },
];
