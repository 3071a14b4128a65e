import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { DomainError } from '@vexil/platform';

// Addresses a webhook must never reach unless explicitly allowed: loopback, private, carrier-grade NAT,
// link-local (incl. cloud metadata at 169.254.169.254), multicast, reserved, and their IPv6 kin.
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is one webhooks may not reach. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  return blocked.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Checks a webhook URL's form when it is saved: http(s) and, unless allowed, no private IP literal.
 * `field` names the input field in errors.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean, field: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw DomainError.validation({ [field]: ['must be an absolute http(s) URL'] });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw DomainError.validation({ [field]: ['must be http or https'] });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || (isIP(host) && isPrivateAddress(host)))) {
    throw DomainError.validation({
      [field]: ['must not point to a loopback, private or link-local address'],
    });
  }
  return url.toString();
}

/**
 * A DNS lookup for outgoing webhook connections that refuses private addresses at connect time, so a
 * name that later resolves elsewhere (DNS rebinding) is caught too. Redirects are never followed.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((entry) => isPrivateAddress(entry.address));
      if (refused) {
        return callback(
          Object.assign(new Error(`refused private address ${refused.address}`), { code: 'EPRIVATE' }),
          '',
          4,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}
