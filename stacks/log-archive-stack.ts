/**
 * `<name>-log-archive`: the organization-wide log bucket (SSM session logs, VPC and Transit Gateway
 * flow logs, Resolver query logs) and its KMS key, restricted to the organization. Its outputs are a
 * fixed contract read by the hub and every spoke.
 */
import { logArchiveStackName } from '../lib/stack-names';
import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { LandingZone } from '../config/model';
import { LogArchiveBucket, ObjectLockMode } from '../constructs/logging/log-archive-bucket';
import { ObjectLockMode as ConfigObjectLockMode } from '../config/schema';
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
    const lock = lz.logArchive.objectLock;
    this.archive = new LogArchiveBucket(this, 'archive', {
      bucketName: lz.logArchive.bucketName,
      organizationId: lz.organizationId,
      accountId: lz.logArchive.account,
      region: lz.region,
      lifecycle: lz.logArchive.lifecycle,
      // Scope organization admits by aws:SourceOrgID: the account list (up to 1,000 and more) stays out of both policies.
      logDeliveryScope: lz.logArchive.logDeliveryScope,
      ...(lz.logArchive.logDeliveryScope === 'accounts' && { logSourceAccounts: lz.logArchive.logSourceAccounts }),
      // The deploy role keeps the right to change the bucket policy and configuration: every later
      // apply of this workspace does (a new spoke's account changes the policy).
      objectLock: lock && { mode: OBJECT_LOCK_MODE[lock.mode], days: lock.days, breakGlassRoleArn: lock.breakGlassRoleArn, deployRoleArn: lz.logArchive.roleArn },
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

/** Config's Object Lock mode as S3 spells it. */
const OBJECT_LOCK_MODE: Readonly<Record<ConfigObjectLockMode, ObjectLockMode>> = { governance: 'GOVERNANCE', compliance: 'COMPLIANCE' };

/** `<name>-log-archive` */
export { logArchiveStackName };
