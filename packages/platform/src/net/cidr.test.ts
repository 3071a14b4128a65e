import { CidrList } from './cidr.js';

const list = (ranges: string[]) => {
  const parsed = CidrList.parse(ranges);
  if (!(parsed instanceof CidrList)) throw new Error(parsed.problem);
  return parsed;
};

describe('CidrList', () => {
  it('matches IPv4 and IPv6 ranges, bare addresses, and IPv4 mapped into IPv6', () => {
    const office = list(['203.0.113.0/24', '2001:db8::/32', '198.51.100.7']);
    expect(office.includes('203.0.113.200')).toBe(true);
    expect(office.includes('203.0.114.1')).toBe(false);
    expect(office.includes('::ffff:203.0.113.9')).toBe(true);
    expect(office.includes('2001:0db8:0000::1')).toBe(true);
    expect(office.includes('2001:db9::1')).toBe(false);
    expect(office.includes('198.51.100.7')).toBe(true);
    expect(office.includes('198.51.100.8')).toBe(false);
    expect(office.includes('not an address')).toBe(false);
    expect(list([]).includes('127.0.0.1')).toBe(false);
  });

  it('names the first range that is not one', () => {
    for (const bad of [
      '203.0.113.0/33',
      '2001:db8::/129',
      'office',
      '10.0.0.0/8/1',
      '10.0.0.0/x',
      '10.0.0.0/',
    ])
      expect(CidrList.parse(['10.0.0.0/8', bad])).toEqual({
        index: 1,
        problem: 'must be a CIDR range such as 203.0.113.0/24 or 2001:db8::/32',
      });
  });
});
