import { Type } from '@sinclair/typebox';
import { resource, type RestRoute } from '../rest-route.js';

const IpAllowlist = Type.Object({
  enabled: Type.Boolean(),
  cidr_ranges: Type.Array(Type.String(), { description: 'IPv4 and IPv6 CIDR ranges' }),
  include_api_keys: Type.Boolean({ description: 'API keys (SDKs) held to it too; Vexil’s addition' }),
});

/**
 * FeatureSignals' `/v1/ip-allowlist` (routes.md §1.8): identity keeps the list, the gateway enforces it
 * for the organization's signed-in people (and its API keys when asked). Owners and admins.
 */
export const featureSignalsIpAllowlistRoutes = resource<RestRoute>('IP allowlist', [
  {
    method: 'GET',
    path: '/ip-allowlist',
    auth: 'user',
    summary: "The organization's IP allowlist",
    operation: 'IpAllowlist',
    result: 'organization.ipAllowlist',
  },
  {
    method: 'PUT',
    path: '/ip-allowlist',
    auth: 'user',
    summary: 'Set the IP allowlist; one that would shut out your own address is refused (409)',
    operation: 'SetIpAllowlist',
    request: {
      body: Type.Object({
        enabled: Type.Boolean(),
        cidr_ranges: Type.Array(Type.String()),
        include_api_keys: Type.Optional(Type.Boolean()),
      }),
    },
    example: { enabled: true, cidr_ranges: ['203.0.113.0/24', '2001:db8::/32'] },
    errors: ['CONFLICT'],
    variables: ({ body }) => ({
      input: { enabled: body.enabled, cidrRanges: body.cidr_ranges, includeApiKeys: body.include_api_keys },
    }),
    result: 'setIpAllowlist',
    response: IpAllowlist,
  },
]);
