/**
 * The hub's Amazon VPC IPAM (`ipam`): the pools in the IPAM account (the hub, or a delegated IPAM
 * administrator reached through an aliased provider with an assumed role), and the allocatable pools'
 * ids published for the spokes, which create their VPCs from them (docs/ipam.md).
 */
import { LandingZone } from '../config/model';
import { AddressManager } from '../constructs/ipam/address-manager';
import { PublishedValues } from '../constructs/publish/published-values';
import { HUB_PUBLISHED } from './hub-outputs';
import { awsProvider, LandingZoneStack } from './landing-zone-stack';

/** Adds the IPAM to the hub stack and publishes each allocatable pool id; undefined without `ipam`. */
export function addIpam(stack: LandingZoneStack, lz: LandingZone, published: PublishedValues): AddressManager | undefined {
  const ipam = lz.ipam;
  if (!ipam) return undefined;
  // A delegated IPAM account: validation (config/validate/ipam.ts) admits it with assumed roles only.
  const provider = ipam.delegated ? awsProvider(stack, 'aws-ipam', lz, stack.stackName, ipam, { alias: 'ipam', credentials: stack.credentials }) : undefined;
  const manager = new AddressManager(stack, 'ipam', {
    namePrefix: lz.name,
    operatingRegions: ipam.operatingRegions,
    pools: ipam.pools,
    sharePrincipals: ipam.sharePrincipals,
    // A spoke reserves its own written range from the shared pool (stacks/spoke-stack.ts): the hub stays the same when a spoke is added.
    reservations: ipam.reservations.filter((r) => r.spoke === undefined),
    provider,
  });
  for (const pool of ipam.pools.filter((p) => p.locale !== undefined)) {
    published.publish(HUB_PUBLISHED.ipamPoolId(pool.name), manager.pools.get(pool.name)!.id, `IPAM pool ${pool.name} (spokes create their VPC from it)`);
  }
  return manager;
}
