/**
 * `<name>-log-archive`: the central, organization-restricted log bucket and its KMS key arrive with
 * the access-and-logging issue; today it holds the log-archive provider and backend.
 */
import { Construct } from 'constructs';
import { LandingZone } from '../config/model';
import { BackendMode } from './backend';
import { LandingZoneStack } from './landing-zone-stack';

/** Props of {@link LogArchiveStack}. */
export interface LogArchiveStackProps {
  readonly landingZone: LandingZone;
  /** @default 'config' */
  readonly backend?: BackendMode;
}

/** The log archive stack. */
export class LogArchiveStack extends LandingZoneStack {
  constructor(scope: Construct, props: LogArchiveStackProps) {
    super(scope, logArchiveStackName(props.landingZone), { landingZone: props.landingZone, target: props.landingZone.logArchive, backend: props.backend });
  }
}

/** `<name>-log-archive` */
export const logArchiveStackName = (lz: LandingZone): string => `${lz.name}-log-archive`;
