import { BlockList, isIP } from 'node:net';

/**
 * A list of CIDR ranges (IPv4 and IPv6; a bare address is its own range) that an address is tested
 * against. Built on Node's `BlockList`, which compares addresses numerically, so different spellings of
 * one IPv6 address match alike, and an IPv4 address mapped into IPv6 matches its IPv4 range.
 */
export class CidrList {
  readonly #list = new BlockList();

  private constructor() {}

  /** The list, or the first range that is not one (its index and why), for a field error. */
  static parse(ranges: readonly string[]): CidrList | { index: number; problem: string } {
    const list = new CidrList();
    for (const [index, range] of ranges.entries()) {
      const [address = '', bits, ...rest] = range.trim().split('/');
      const family = isIP(address);
      const most = family === 6 ? 128 : 32;
      const prefix = bits === undefined ? most : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
      if (family === 0 || rest.length > 0 || !(prefix >= 0 && prefix <= most))
        return { index, problem: 'must be a CIDR range such as 203.0.113.0/24 or 2001:db8::/32' };
      list.#list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
    }
    return list;
  }

  /** Whether an address (IPv4, IPv6, or IPv4 mapped into IPv6) lies in one of the ranges. */
  includes(address: string): boolean {
    const plain = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
    const family = isIP(plain);
    return family !== 0 && this.#list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }
}
