/**
 * `<name>-log-archive`: the organization-wide log bucket (SSM session logs, VPC and Transit Gateway
 * flow logs, Resolver query logs) and its KMS key, restricted to the organization. Its outputs are a
 * fixed contract read by the hub and every spoke.
 */
import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { LandingZone } from '../config/model';
import { LogArchiveBucket } from '../constructs/logging/log-archive-bucket';
import { BackendMode } from './backend';
import { LOG_ARCHIVE_OUTPUTS } from './hub-outputs';
import { LandingZoneStack } from './landing-zone-stack';

/** Props of {@link LogArchiveStack}. */
export interface LogArchiveStackProps {
  readonly landingZone: LandingZone;
  /** @default 'config' */
  readonly backend?: BackendMode;
}

/** The log archive stack. */
export class LogArchiveStack extends LandingZoneStack {
  readonly archive: LogArchiveBucket;

  constructor(scope: Construct, props: LogArchiveStackProps) {
    const lz = props.landingZone;
    super(scope, logArchiveStackName(lz), { landingZone: lz, target: lz.logArchive, backend: props.backend });
    this.archive = new LogArchiveBucket(this, 'archive', {
      bucketName: lz.logArchive.bucketName,
      organizationId: lz.organizationId,
      accountId: lz.logArchive.account,
      region: lz.region,
      lifecycle: lz.logArchive.lifecycle,
    });
    const outputs: Record<keyof typeof LOG_ARCHIVE_OUTPUTS, string> = {
      bucketName: this.archive.bucketName,
      bucketArn: this.archive.bucketArn,
      keyArn: this.archive.keyArn,
      flowLogsArn: this.archive.flowLogsArn(),
      resolverQueryLogsArn: this.archive.resolverQueryLogsArn(),
    };
    for (const [key, value] of Object.entries(outputs)) {
      new TerraformOutput(this, LOG_ARCHIVE_OUTPUTS[key as keyof typeof LOG_ARCHIVE_OUTPUTS], { value });
    }
  }
}

/** `<name>-log-archive` */
export const logArchiveStackName = (lz: LandingZone): string => `${lz.name}-log-archive`;
