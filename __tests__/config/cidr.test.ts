/** config/cidr: parsing, exact cover of ranges, free space and aligned allocation. */
import fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { allocate, cidrOf, CidrParse, contains, freeBlocks, intToIp, overlaps, parseCidr, rangeToCidrs } from '../../lib/net/range';

const blocks = (...texts: string[]) => texts.map(cidrOf);

describe('parseCidr', () => {
  test('parses a block into an inclusive integer range', () => {
    expect(parseCidr('172.16.0.0/16')).toEqual({ ok: true, cidr: { text: '172.16.0.0/16', prefix: 16, first: 2886729728, last: 2886729728 + 65535 } });
    expect(parseCidr('0.0.0.0/0')).toEqual({ ok: true, cidr: { text: '0.0.0.0/0', prefix: 0, first: 0, last: 2 ** 32 - 1 } });
    expect(parseCidr('1.2.3.4/32')).toMatchObject({ ok: true, cidr: { first: 16909060, last: 16909060 } });
  });

  test('host bits: suggests the network address', () => {
    expect(parseCidr('172.16.1.5/24')).toEqual({ ok: false, reason: 'has host bits set (the network address of /24 is 172.16.1.0/24)', suggestion: '172.16.1.0/24' });
    expect(parseCidr('172.16.200.0/20')).toMatchObject({ ok: false, suggestion: '172.16.192.0/20' });
  });

  test('a non-canonical prefix length is rejected with the canonical form', () => {
    expect(parseCidr('10.0.0.0/016')).toEqual({ ok: false, reason: 'is not written in canonical form (10.0.0.0/16)', suggestion: '10.0.0.0/16' });
  });

  test.each([
    ['no prefix', '172.16.0.0', 'is not a CIDR block (expected a.b.c.d/n)'],
    ['prefix above 32', '10.0.0.0/33', 'is not a valid IPv4 CIDR block'],
    ['empty prefix', '10.0.0.0/', 'is not a valid IPv4 CIDR block'],
    ['octet above 255', '10.0.256.0/24', 'is not a valid IPv4 CIDR block'],
    ['leading space', ' 10.0.0.0/8', 'is not a valid IPv4 CIDR block'],
    ['IPv6', '2001:db8::/32', 'is not an IPv4 CIDR block in dotted-quad form'],
    ['short form', '10/8', 'dotted-quad'],
    ['hex octet', '0x0a.0.0.0/8', 'dotted-quad'],
    ['leading zero octet', '010.0.0.0/8', 'dotted-quad'],
  ])('%s: %s', (_label, text, reason) => {
    const parsed = parseCidr(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toContain(reason);
      expect(parsed.suggestion).toBeUndefined();
    }
  });

  test('a non-string is not a CIDR block', () => {
    expect(parseCidr(42 as unknown as string)).toMatchObject({ ok: false, reason: 'is not a CIDR block (expected a.b.c.d/n)' });
  });

  describe('IPv4 first gives the same answers as ipaddr.parseCIDR (IPv6 first)', () => {
    /** parseCidr as it was before it tried IPv4 first: the reference the faster version must match. */
    function ipv6First(text: string): CidrParse {
      if (typeof text !== 'string' || !text.includes('/')) return { ok: false, reason: 'is not a CIDR block (expected a.b.c.d/n)' };
      let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
      try {
        parsed = ipaddr.parseCIDR(text);
      } catch {
        return { ok: false, reason: 'is not a valid IPv4 CIDR block (expected a.b.c.d/n with n from 0 to 32)' };
      }
      const [addr, prefix] = parsed;
      if (addr.kind() !== 'ipv4' || !ipaddr.IPv4.isValidFourPartDecimal(text.split('/')[0])) return { ok: false, reason: 'is not an IPv4 CIDR block in dotted-quad form' };
      const size = 2 ** (32 - prefix);
      const value = (addr as ipaddr.IPv4).octets.reduce((acc, o) => acc * 256 + o, 0);
      const first = value - (value % size);
      if (first !== value) return { ok: false, reason: `has host bits set (the network address of /${prefix} is ${intToIp(first)}/${prefix})`, suggestion: `${intToIp(first)}/${prefix}` };
      const canonical = `${intToIp(first)}/${prefix}`;
      if (text !== canonical) return { ok: false, reason: `is not written in canonical form (${canonical})`, suggestion: canonical };
      return { ok: true, cidr: { text, prefix, first, last: first + size - 1 } };
    }

    test.each([
      '10.0.0.0/8', '0.0.0.0/0', '255.255.255.255/32', '10.0.0.1/8', '10.0.0.0/016', '10.0.0.0/33', '10.0.0.0/', '/8', '10.0.0.0/-1', '10.0.0.0/8/8',
      '2001:db8::/32', '::/0', '::ffff:10.0.0.0/104', '::ffff:10.0.0.0/8', '::10.0.0.0/8', 'fe80::1%eth0/64', '10/8', '10.1/16', '10.1.2/24', '167772160/8',
      '0x0a.0.0.0/8', '010.0.0.0/8', '10.0.0.0 /8', ' 10.0.0.0/8', '10.0.0.0/8 ', '１0.0.0.0/8', '10.0.0.0/0x8', '', '/', 'a.b.c.d/n',
    ])('%j', (text) => {
      expect(parseCidr(text)).toEqual(ipv6First(text));
    });

    test('for random strings made of the characters CIDRs, IPv6 and odd forms use', () => {
      const text = fc.string({ unit: fc.constantFrom(...'0123456789./:xaf% '.split('')), maxLength: 24 });
      const quad = fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300), fc.integer({ min: -1, max: 40 })).map(([a, b, c, d, n]) => `${a}.${b}.${c}.${d}/${n}`);
      fc.assert(fc.property(fc.oneof(text, quad), (t) => expect(parseCidr(t)).toEqual(ipv6First(t))), { numRuns: 3000 });
    });
  });

  test('cidrOf throws on what parseCidr rejects', () => {
    expect(() => cidrOf('10.0.0.1/8')).toThrow('internal: 10.0.0.1/8 has host bits set');
  });
});

describe('contains and overlaps', () => {
  test('edges count', () => {
    const [vpc, first, last, outside] = blocks('10.0.0.0/16', '10.0.0.0/24', '10.0.255.0/24', '10.1.0.0/24');
    expect([contains(vpc, first), contains(vpc, last), contains(vpc, outside), contains(first, vpc)]).toEqual([true, true, false, false]);
    expect([overlaps(vpc, first), overlaps(first, vpc), overlaps(first, last), overlaps(vpc, outside)]).toEqual([true, true, false, false]);
  });
});

describe('rangeToCidrs', () => {
  test('the fewest aligned blocks covering an unaligned range', () => {
    const base = cidrOf('10.0.0.0/24').first;
    expect(rangeToCidrs(base + 1, base + 6)).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
    expect(rangeToCidrs(base + 64, base + 255)).toEqual(['10.0.0.64/26', '10.0.0.128/25']);
  });

  test('an aligned range is one block; the whole space is /0; an empty range is nothing', () => {
    const vpc = cidrOf('172.16.0.0/16');
    expect(rangeToCidrs(vpc.first, vpc.last)).toEqual(['172.16.0.0/16']);
    expect(rangeToCidrs(0, 2 ** 32 - 1)).toEqual(['0.0.0.0/0']);
    expect(rangeToCidrs(10, 9)).toEqual([]);
  });
});

describe('freeBlocks', () => {
  test('the gaps around one subnet', () => {
    expect(freeBlocks(cidrOf('10.0.0.0/24'), blocks('10.0.0.64/26'))).toEqual(['10.0.0.0/26', '10.0.0.128/25']);
  });

  test('unsorted, nested and outside blocks', () => {
    const used = blocks('10.0.0.192/26', '10.1.0.0/16', '10.0.0.0/25', '10.0.0.0/26');
    expect(freeBlocks(cidrOf('10.0.0.0/24'), used)).toEqual(['10.0.0.128/26']);
  });

  test('fully used, and used by a larger block', () => {
    expect(freeBlocks(cidrOf('10.0.0.0/24'), blocks('10.0.0.0/25', '10.0.0.128/25'))).toEqual([]);
    expect(freeBlocks(cidrOf('10.0.0.0/24'), blocks('10.0.0.0/16'))).toEqual([]);
    expect(freeBlocks(cidrOf('10.0.0.0/24'), [])).toEqual(['10.0.0.0/24']);
  });
});

describe('allocate', () => {
  const vpc = cidrOf('10.0.0.0/16');

  test('the first aligned block: a /20 skips the whole /20 that a /24 touches', () => {
    expect(allocate(vpc, 20, blocks('10.0.0.0/24'))?.text).toBe('10.0.16.0/20');
    expect(allocate(vpc, 24, blocks('10.0.0.0/24'))?.text).toBe('10.0.1.0/24');
  });

  test('unsorted used blocks and a gap that is too small or misaligned', () => {
    expect(allocate(vpc, 24, blocks('10.0.1.0/24', '10.0.0.0/24'))?.text).toBe('10.0.2.0/24');
    // 10.0.0.128/25 is free, but a /24 must start on a /24 boundary.
    expect(allocate(vpc, 24, blocks('10.0.0.0/25', '10.0.1.0/24'))?.text).toBe('10.0.2.0/24');
  });

  test('every result is aligned to its own size', () => {
    const used = blocks('10.0.0.0/28', '10.0.3.0/24');
    for (const prefix of [17, 20, 22, 24, 26, 28]) {
      const block = allocate(vpc, prefix, used)!;
      expect(block.first % 2 ** (32 - prefix)).toBe(0);
      expect(used.some((u) => overlaps(u, block))).toBe(false);
    }
  });

  test('no room: undefined', () => {
    expect(allocate(cidrOf('10.0.0.0/24'), 24, blocks('10.0.0.0/25'))).toBeUndefined();
    expect(allocate(cidrOf('10.0.0.0/24'), 25, blocks('10.0.0.0/25'))?.text).toBe('10.0.0.128/25');
    expect(allocate(cidrOf('10.0.0.0/24'), 23, [])).toBeUndefined();
  });
});
