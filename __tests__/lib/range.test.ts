/** lib/net/range: the one IPv4 range library (strict and masked parsing, containment, overlap, subnets). */
import fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import {
  cidrFamily,
  contains,
  formatRange,
  holds,
  hostRange,
  interfaceAddressOf,
  intToIp,
  type Ipv4Range,
  maskedRange,
  overlaps,
  parseCidr,
  parseInterfaceAddress,
  parseIp,
  parseIpv4Range,
  subnet,
} from '../../lib/net/range';

const ALL = 2 ** 32 - 1;
const address = fc.integer({ min: 0, max: ALL });
const prefix = fc.integer({ min: 0, max: 32 });
/** Any aligned block, as canonical text. */
const block = fc.tuple(address, prefix).map(([a, p]) => `${intToIp(a - (a % 2 ** (32 - p)))}/${p}`);

describe('parseIpv4Range', () => {
  test('parses the edges: /0 covers every address, /32 exactly one', () => {
    expect(parseIpv4Range('0.0.0.0/0')).toEqual({ text: '0.0.0.0/0', first: 0, last: ALL, prefix: 0 });
    expect(parseIpv4Range('255.255.255.255/32')).toEqual({ text: '255.255.255.255/32', first: ALL, last: ALL, prefix: 32 });
    expect(parseIpv4Range('10.1.2.3/32')).toMatchObject({ first: parseIp('10.1.2.3'), last: parseIp('10.1.2.3') });
  });

  test.each([
    ['10.0.0.1/24', '"10.0.0.1/24" has host bits set (the network address of /24 is 10.0.0.0/24)'],
    ['10.0.0.0', '"10.0.0.0" is not a CIDR block (expected a.b.c.d/n)'],
    ['10.0.0.0/33', '"10.0.0.0/33" is not a valid IPv4 CIDR block (expected a.b.c.d/n with n from 0 to 32)'],
    ['2001:db8::/32', '"2001:db8::/32" is not an IPv4 CIDR block in dotted-quad form'],
    ['10.0.0.0/016', '"10.0.0.0/016" is not written in canonical form (10.0.0.0/16)'],
  ])('%s throws a RangeError naming the text and the reason', (text, message) => {
    expect(() => parseIpv4Range(text)).toThrow(new RangeError(message));
  });

  test('a text is parsed once: the same frozen value every time', () => {
    const a = parseCidr('172.31.0.0/16');
    expect(parseCidr('172.31.0.0/16')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a.ok && Object.isFrozen(a.cidr)).toBe(true);
    expect(parseCidr('172.31.0.1/16')).toBe(parseCidr('172.31.0.1/16'));
  });

  test('property: every canonical block round-trips through parse and format', () => {
    fc.assert(
      fc.property(block, (text) => {
        const r = parseIpv4Range(text);
        expect(r.text).toBe(text);
        expect(formatRange(r)).toBe(text);
        expect(r.last - r.first + 1).toBe(2 ** (32 - r.prefix));
      }),
    );
  });
});

describe('maskedRange (synthesized values)', () => {
  test('masks host bits as AWS does for NACL entries, and caches', () => {
    expect(maskedRange('10.0.0.77/24')).toEqual({ first: parseIp('10.0.0.0'), last: parseIp('10.0.0.255'), prefix: 24 });
    expect(maskedRange('10.0.0.77/24')).toBe(maskedRange('10.0.0.77/24'));
    expect(maskedRange('1.2.3.4/0')).toEqual({ first: 0, last: ALL, prefix: 0 });
  });

  test.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.0/', '/24', '::/0', '${aws_vpc.x.cidr_block}', '10.0.0.0/016', '10.0.0.0/ 8'])('%s is undefined', (text) => {
    expect(maskedRange(text)).toBeUndefined();
  });

  test('property: agrees with ipaddr.js on the network address', () => {
    fc.assert(
      fc.property(address, prefix, (a, p) => {
        const text = `${intToIp(a)}/${p}`;
        const r = maskedRange(text)!;
        expect(intToIp(r.first)).toBe(ipaddr.IPv4.networkAddressFromCIDR(text).toString());
        expect(intToIp(r.last)).toBe(ipaddr.IPv4.broadcastAddressFromCIDR(text).toString());
      }),
    );
  });
});

describe('parseInterfaceAddress', () => {
  test('keeps the address and its range', () => {
    expect(parseInterfaceAddress('169.254.100.1/30')).toEqual({ address: parseIp('169.254.100.1'), range: { first: parseIp('169.254.100.0'), last: parseIp('169.254.100.3'), prefix: 30 } });
  });

  test.each(['169.254.100.1', '169.254.100.1/33', 'x/30', '169.254.100.1/030'])('%s is undefined', (text) => {
    expect(parseInterfaceAddress(text)).toBeUndefined();
  });
});

describe('interfaceAddressOf', () => {
  test('is the address without its prefix', () => {
    expect(['169.254.100.1/30', '169.254.100.2/31', '10.0.0.0/8'].map(interfaceAddressOf)).toEqual(['169.254.100.1', '169.254.100.2', '10.0.0.0']);
  });

  test.each(['169.254.100.1', '169.254.100.01/30', '169.254.100.1/33', 'x/30', ''])('%s is undefined', (text) => {
    expect(interfaceAddressOf(text)).toBeUndefined();
  });
});

describe('contains, overlaps, holds', () => {
  const r = (text: string): Ipv4Range => parseIpv4Range(text);

  test('edges: /0 contains everything, a /32 contains itself, adjacent blocks do not overlap', () => {
    expect(contains(r('0.0.0.0/0'), r('255.255.255.255/32'))).toBe(true);
    expect(contains(r('10.0.0.5/32'), r('10.0.0.5/32'))).toBe(true);
    expect(contains(r('10.0.0.5/32'), r('10.0.0.4/31'))).toBe(false);
    expect(overlaps(r('10.0.0.0/24'), r('10.0.1.0/24'))).toBe(false);
    expect(overlaps(r('10.0.0.255/32'), r('10.0.0.0/24'))).toBe(true);
    expect(holds(r('10.0.0.0/24'), parseIp('10.0.0.255')!)).toBe(true);
    expect(holds(r('10.0.0.0/24'), parseIp('10.0.1.0')!)).toBe(false);
    expect(contains(r('10.0.0.0/24'), hostRange(parseIp('10.0.0.9')!))).toBe(true);
  });

  test('property: contains and overlaps agree with ipaddr.js matching', () => {
    fc.assert(
      fc.property(block, block, (a, b) => {
        const [na, pa] = ipaddr.IPv4.parseCIDR(a);
        const [nb, pb] = ipaddr.IPv4.parseCIDR(b);
        const aHoldsB = nb.match(na, pa);
        const bHoldsA = na.match(nb, pb);
        expect(contains(r(a), r(b))).toBe(aHoldsB && pa <= pb);
        // Two aligned blocks overlap exactly when one holds the other's network address.
        expect(overlaps(r(a), r(b))).toBe(aHoldsB || bHoldsA);
        expect(overlaps(r(a), r(b))).toBe(overlaps(r(b), r(a)));
      }),
    );
  });
});

describe('subnet', () => {
  test('the n-th block of a prefix inside a range', () => {
    const vpc = parseIpv4Range('10.0.0.0/16');
    expect(subnet(vpc, 24, 0)?.text).toBe('10.0.0.0/24');
    expect(subnet(vpc, 24, 255)?.text).toBe('10.0.255.0/24');
    expect(subnet(vpc, 16, 0)?.text).toBe('10.0.0.0/16');
    expect(subnet(parseIpv4Range('0.0.0.0/0'), 32, ALL)?.text).toBe('255.255.255.255/32');
  });

  test.each([
    ['past the end', 24, 256],
    ['wider than the range', 15, 0],
    ['prefix above 32', 33, 0],
    ['negative index', 24, -1],
    ['fractional index', 24, 1.5],
  ])('%s is undefined', (_label, p, i) => {
    expect(subnet(parseIpv4Range('10.0.0.0/16'), p, i)).toBeUndefined();
  });

  test('property: every subnet is a canonical block inside its range, and consecutive ones do not overlap', () => {
    fc.assert(
      fc.property(block, fc.integer({ min: 0, max: 32 }), fc.nat(), (text, extra, n) => {
        const outer = parseIpv4Range(text);
        const p = Math.min(32, outer.prefix + (extra % 9));
        const count = 2 ** (p - outer.prefix);
        const i = n % count;
        const s = subnet(outer, p, i)!;
        expect(parseIpv4Range(s.text)).toEqual(s);
        expect(contains(outer, s)).toBe(true);
        if (i + 1 < count) expect(overlaps(s, subnet(outer, p, i + 1)!)).toBe(false);
        expect(subnet(outer, p, count)).toBeUndefined();
      }),
    );
  });
});

describe('cidrFamily', () => {
  test.each([
    ['0.0.0.0/0', { family: 4, prefix: 0 }],
    ['10.0.0.1/8', { family: 4, prefix: 8 }],
    ['::/0', { family: 6, prefix: 0 }],
    ['2001:db8::/32', { family: 6, prefix: 32 }],
  ])('%s', (text, expected) => {
    expect(cidrFamily(text)).toEqual(expected);
  });

  test.each(['10.0.0.0', '10.0.0.0/33', '::/129', 'x'])('%s is undefined', (text) => {
    expect(cidrFamily(text)).toBeUndefined();
  });
});
