/** The VPN note and the customer gateway configuration of REPORT.md (report/routing.ts). */
import { customerGatewayConfig, preferenceNote } from '../../report/routing';
import { defaultLandingZone, fixtureLandingZone } from '../helpers/landing-zone';

describe('customerGatewayConfig', () => {
  const summaries = fixtureLandingZone('valid/dx-summaries.yaml');

  test('floating summaries: no route accepted over the VPN, a floating static per summary and tunnel, local preference for Direct Connect', () => {
    const text = customerGatewayConfig(summaries).join('\n');
    const config = text.slice(text.indexOf('```\n') + 4, text.lastIndexOf('```'));
    expect(config.split('\n').filter((l) => l && !l.startsWith('!'))).toEqual([
      'ip prefix-list LZ-FROM-AWS-VPN seq 5 deny 0.0.0.0/0 le 32',
      'route-map LZ-FROM-AWS-DX permit 10',
      ' set local-preference 200',
      'router bgp 65010',
      ' ! Direct Connect peers (transit VIFs): route-map LZ-FROM-AWS-DX in',
      ' neighbor 169.254.100.1 route-map LZ-FROM-AWS-DX in',
      ' neighbor 169.254.200.1 remote-as 64512',
      ' neighbor 169.254.200.1 description dc-backup tunnel 1',
      ' neighbor 169.254.200.1 prefix-list LZ-FROM-AWS-VPN in',
      ' neighbor 169.254.200.5 remote-as 64512',
      ' neighbor 169.254.200.5 description dc-backup tunnel 2',
      ' neighbor 169.254.200.5 prefix-list LZ-FROM-AWS-VPN in',
      'ip route 10.0.0.0 255.0.0.0 Tunnel1 250',
      'ip route 172.16.0.0 255.240.0.0 Tunnel1 250',
      'ip route 192.168.0.0 255.255.0.0 Tunnel1 250',
      'ip route 10.0.0.0 255.0.0.0 Tunnel2 250',
      'ip route 172.16.0.0 255.240.0.0 Tunnel2 250',
      'ip route 192.168.0.0 255.255.0.0 Tunnel2 250',
    ]);
  });

  test('learned routes (the default config): no customer gateway section', () => {
    expect(customerGatewayConfig(defaultLandingZone())).toEqual([]);
  });
});

describe('preferenceNote', () => {
  test('one statement for both directions: the Transit Gateway prefers Direct Connect; on-premises by longest prefix, then local preference', () => {
    const note = preferenceNote(defaultLandingZone());
    expect(note).toContain('for the same prefix the Transit Gateway prefers the routes learned over Direct Connect');
    expect(note).toContain('give the routes learned over Direct Connect a higher local preference');
    expect(note).not.toMatch(/prepend/i);
  });

  test('floating summaries: the note says the VPN routes are dropped and the statics take over', () => {
    expect(preferenceNote(fixtureLandingZone('valid/dx-summaries.yaml'))).toContain('floating static routes (administrative distance 250');
  });
});
