/**
 * Where NAT gateways go and which one each AZ's private route tables use: the strategy object
 * behind `natGateways: none | single | per-az` (after aws-cdk's `NatProvider`).
 */

/** A public subnet that could host a NAT gateway. */
export interface NatHostCandidate {
  readonly name: string;
  readonly az: string;
}

/** The decided layout: which public subnets host a NAT, and which NAT an AZ routes to. */
export interface NatPlan {
  /** Names of the public subnets that get a NAT gateway and an EIP, in order. */
  readonly hosts: readonly string[];
  /** The host subnet whose NAT serves private subnets in `az`, or undefined for no default route. */
  natHostFor(az: string): string | undefined;
}

/** Strategy for placing NAT gateways. */
export abstract class NatProvider {
  /** No NAT gateway; private subnets get no default route. */
  static none(): NatProvider {
    return new NoNat();
  }

  /** One NAT gateway (one EIP) in the first public subnet; every AZ routes to it (the seed's layout). */
  static single(): NatProvider {
    return new SingleNat();
  }

  /** One NAT gateway per AZ that has a public subnet; each AZ routes to its own NAT. */
  static perAz(): NatProvider {
    return new PerAzNat();
  }

  /** The provider for a config `natGateways` value. */
  static fromMode(mode: 'none' | 'single' | 'per-az'): NatProvider {
    return mode === 'single' ? NatProvider.single() : mode === 'per-az' ? NatProvider.perAz() : NatProvider.none();
  }

  /** Lays NATs out over the public subnets (given in config order). */
  abstract plan(publicSubnets: readonly NatHostCandidate[]): NatPlan;
}

class NoNat extends NatProvider {
  plan(): NatPlan {
    return { hosts: [], natHostFor: () => undefined };
  }
}

class SingleNat extends NatProvider {
  plan(publicSubnets: readonly NatHostCandidate[]): NatPlan {
    const host = publicSubnets[0];
    if (!host) throw new Error('natGateways: single needs at least one public subnet');
    return { hosts: [host.name], natHostFor: () => host.name };
  }
}

class PerAzNat extends NatProvider {
  plan(publicSubnets: readonly NatHostCandidate[]): NatPlan {
    const byAz = new Map<string, string>();
    for (const s of publicSubnets) if (!byAz.has(s.az)) byAz.set(s.az, s.name);
    if (byAz.size === 0) throw new Error('natGateways: per-az needs at least one public subnet');
    return { hosts: [...byAz.values()], natHostFor: (az) => byAz.get(az) };
  }
}
