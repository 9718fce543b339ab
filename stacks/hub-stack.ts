/**
 * `<name>-hub`: the network hub account. The Transit Gateway, central egress, shared endpoints,
 * resolver and hybrid connectivity land here in later issues; today it holds the hub provider and backend.
 */
import { Construct } from 'constructs';
import { LandingZone } from '../config/model';
import { BackendMode } from './backend';
import { LandingZoneStack } from './landing-zone-stack';

/** Props of {@link HubStack}. */
export interface HubStackProps {
  readonly landingZone: LandingZone;
  /** @default 'config' */
  readonly backend?: BackendMode;
}

/** The hub stack. */
export class HubStack extends LandingZoneStack {
  constructor(scope: Construct, props: HubStackProps) {
    super(scope, hubStackName(props.landingZone), { landingZone: props.landingZone, target: props.landingZone.hub, backend: props.backend });
  }
}

/** `<name>-hub` */
export const hubStackName = (lz: LandingZone): string => `${lz.name}-hub`;
