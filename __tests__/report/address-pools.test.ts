import { loadConfig } from '../../config/load';
import { addressPools, renderAddressPools } from '../../report/address-pools';
import { defaultLandingZone } from '../helpers/landing-zone';

describe('Address pools section', () => {
  const lz = loadConfig('examples/ipam.yaml').landingZone;

  it('counts each range in the innermost pool that holds it, with allocated, free, largest free block and utilisation', () => {
    const byPool = Object.fromEntries(addressPools(lz).map((u) => [u.pool, u]));
    expect(byPool.org).toMatchObject({ cidr: '172.16.0.0/12', total: 1048576, allocated: 3 * 262144, free: 262144, largestFree: '172.28.0.0/14', utilisation: 75 });
    expect(byPool.org.holders.map((h) => [h.holder, h.kind])).toEqual([
      ['pool prod', 'child pool'],
      ['pool nonprod', 'child pool'],
      ['pool shared', 'child pool'],
    ]);
    // shop-dev 172.20.0.0/16 + shop-staging 172.21.0.0/20 of 172.20.0.0/14.
    expect(byPool.nonprod).toMatchObject({ allocated: 65536 + 4096, free: 262144 - 69632, largestFree: '172.22.0.0/15', utilisation: 26.6 });
    expect(byPool.nonprod.holders).toEqual([
      { holder: 'spoke shop-dev', cidr: '172.20.0.0/16', kind: 'IPAM allocation' },
      { holder: 'spoke shop-staging', cidr: '172.21.0.0/20', kind: 'IPAM allocation' },
    ]);
    expect(byPool.prod.holders).toEqual([{ holder: 'spoke shop-prod', cidr: '172.16.0.0/16', kind: 'written' }]);
    expect(byPool.shared).toMatchObject({ allocated: 0, largestFree: '172.24.0.0/14', utilisation: 0 });
  });

  it('renders the pool table and who holds which range', () => {
    const text = renderAddressPools(lz);
    expect(text).toContain('| `nonprod` | `172.20.0.0/14` | ap-northeast-2 | nonprod | 262,144 | 69,632 | 192,512 | `172.22.0.0/15` | 26.6% |');
    expect(text).toContain('| `nonprod` | spoke shop-staging | `172.21.0.0/20` | IPAM allocation |');
  });

  it('says so when there is no IPAM', () => {
    expect(renderAddressPools(defaultLandingZone())).toBe('## Address pools\n\nNo IPAM pools: every VPC range is written in the config (`ipam` in docs/ipam.md).');
  });
});
