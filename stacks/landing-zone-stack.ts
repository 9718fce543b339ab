/** Base of every stack: the account's AWS provider (assumed role, allowed account, default tags) and the backend. */
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { AccountTarget, LandingZone } from '../config/model';
import { defaultTags } from '../config/tags';
import { BackendMode, configureBackend } from './backend';

/** Props shared by every landing-zone stack. */
export interface LandingZoneStackProps {
  readonly landingZone: LandingZone;
  /** The account this stack deploys to. */
  readonly target: AccountTarget;
  /** @default 'config' */
  readonly backend?: BackendMode;
}

/** A stack bound to one account through its provider, with local or Terraform Cloud state. */
export class LandingZoneStack extends TerraformStack {
  readonly stackName: string;
  readonly provider: AwsProvider;

  constructor(scope: Construct, stackName: string, props: LandingZoneStackProps) {
    super(scope, stackName);
    this.stackName = stackName;
    this.provider = awsProvider(this, 'aws', props.landingZone, stackName, props.target);
    configureBackend(this, props.landingZone, stackName, props.backend ?? 'config');
  }
}

/**
 * An AWS provider that assumes `target.roleArn` and refuses any other account, so a misconfigured
 * credential can never apply to the wrong account.
 */
export function awsProvider(scope: Construct, id: string, lz: LandingZone, stackName: string, target: AccountTarget, alias?: string): AwsProvider {
  return new AwsProvider(scope, id, {
    alias,
    region: lz.region,
    allowedAccountIds: [target.account],
    assumeRole: [{ roleArn: target.roleArn, sessionName: sessionName(stackName) }],
    defaultTags: [{ tags: defaultTags(lz.name, lz.tags, stackName) }],
  });
}

/** STS session names allow 2-64 characters of [\w+=,.@-]; CloudTrail shows it, so it names the stack. */
export const sessionName = (stackName: string): string => `lz-${stackName}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
