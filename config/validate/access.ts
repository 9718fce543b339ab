/**
 * Operator access rules: Session Manager timeouts and endpoints, the EC2 Instance Connect Endpoint's
 * subnet and tunnel duration. Ranges: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-timeout.html,
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-max-timeout.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/permissions-for-ec2-instance-connect-endpoint.html
 */
import { AWS_OWNED_BUCKETS, awsOwnedBucketService, awsOwnedObjectArns } from '../../lib/aws/aws-owned-buckets';
import { ConfigIssue, didYouMean } from '../issues';
import { EIC_TUNNEL_SECONDS } from '../../lib/aws/instance-connect';
import { IDLE_TIMEOUT_MINUTES, MAX_SESSION_MINUTES, SSM_ENDPOINT_SERVICES } from '../../lib/aws/session-manager';
import { QUOTAS, quotaText } from '../../lib/aws/quotas';
import { bucketNameOf, parseBucketRef } from '../../lib/aws/s3-bucket';
import { Rule } from './context';

// The Session Manager and Instance Connect ranges are lib/aws's, the same the constructs check.
const SSM_IDLE_TIMEOUT = IDLE_TIMEOUT_MINUTES;
const SSM_MAX_SESSION = MAX_SESSION_MINUTES;
const EIC_MAX_TUNNEL = EIC_TUNNEL_SECONDS;

/** Timeouts in range; central SSM endpoints only when the hub centralizes all three services; local ones need a private subnet. */
export const sessionManagerSettings: Rule = ({ config, spokes }) =>
  spokes.flatMap(({ spoke, path, subnets }) => {
    const at = [...path, 'access', 'ssm'];
    const ssm = spoke.access.ssm;
    const issues: ConfigIssue[] = [];
    if (ssm.idleTimeoutMinutes < SSM_IDLE_TIMEOUT.min || ssm.idleTimeoutMinutes > SSM_IDLE_TIMEOUT.max) {
      issues.push({ path: [...at, 'idleTimeoutMinutes'], value: ssm.idleTimeoutMinutes, message: `is outside the ${SSM_IDLE_TIMEOUT.min}-${SSM_IDLE_TIMEOUT.max} minutes Session Manager allows`, fix: `pick ${SSM_IDLE_TIMEOUT.min} to ${SSM_IDLE_TIMEOUT.max} minutes (${SSM_IDLE_TIMEOUT.default} is the default)` });
    }
    if (ssm.maxSessionMinutes < SSM_MAX_SESSION.min || ssm.maxSessionMinutes > SSM_MAX_SESSION.max) {
      issues.push({ path: [...at, 'maxSessionMinutes'], value: ssm.maxSessionMinutes, message: `is outside the ${SSM_MAX_SESSION.min}-${SSM_MAX_SESSION.max} minutes Session Manager allows`, fix: `pick ${SSM_MAX_SESSION.min} to ${SSM_MAX_SESSION.max} minutes` });
    }
    const missing = SSM_ENDPOINT_SERVICES.filter((s) => !config.hub.endpoints?.services.includes(s));
    if (ssm.endpoints === 'central' && missing.length > 0) {
      issues.push({ path: [...at, 'endpoints'], value: 'central', message: `needs the hub to centralize ${missing.join(', ')}`, fix: 'add them to hub.endpoints.services, or use endpoints: local' });
    }
    const localMode = ssm.endpoints === 'local' || (ssm.endpoints === undefined && missing.length > 0);
    if (localMode && !subnets.some((s) => s.tier === 'endpoint' || s.tier === 'app' || s.tier === 'db')) {
      issues.push({ path: [...at, 'endpoints'], value: 'local', message: 'needs a private (endpoint, app or db) subnet for the three interface endpoints', fix: 'add an endpoint-tier subnet, or centralize ssm, ssmmessages and ec2messages in the hub' });
    }
    return issues;
  });

/** The Instance Connect Endpoint sits in a private subnet of this VPC; tunnels last EIC_TUNNEL_SECONDS (1-3600 seconds). */
export const instanceConnectSettings: Rule = ({ spokes }) =>
  spokes.flatMap(({ spoke, path, subnets }) => {
    const eic = spoke.access.instanceConnect;
    if (!eic) return [];
    const at = [...path, 'access', 'instanceConnect'];
    const issues: ConfigIssue[] = [];
    const subnet = subnets.find((s) => s.name === eic.subnet);
    const candidates = subnets.filter((s) => s.tier !== 'public' && s.tier !== 'tgw').map((s) => s.name);
    if (!subnet) issues.push({ path: [...at, 'subnet'], value: eic.subnet, message: `is not a subnet of this VPC${didYouMean(eic.subnet, candidates)}`, fix: `use one of: ${candidates.join(', ')}` });
    else if (subnet.tier === 'public' || subnet.tier === 'tgw') {
      issues.push({ path: [...at, 'subnet'], value: eic.subnet, message: `is a ${subnet.tier} subnet; the endpoint belongs in a private subnet with the instances it reaches`, fix: `use one of: ${candidates.join(', ')}` });
    }
    if (eic.maxTunnelSeconds < EIC_MAX_TUNNEL.min || eic.maxTunnelSeconds > EIC_MAX_TUNNEL.max) {
      issues.push({ path: [...at, 'maxTunnelSeconds'], value: eic.maxTunnelSeconds, message: `is outside the ${EIC_MAX_TUNNEL.min}-${EIC_MAX_TUNNEL.max} seconds AWS allows for a tunnel`, fix: `pick up to ${EIC_MAX_TUNNEL.max} seconds` });
    }
    return issues;
  });

/**
 * One spoke per account: Session Manager preferences (the `SSM-SessionManagerRunShell` document) exist
 * once per account and Region, so two spoke workspaces in one account would fight over them.
 */
export const oneSpokePerAccount: Rule = ({ config }) => {
  const first = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  config.spokes.forEach((s, i) => {
    const prior = first.get(s.account);
    if (prior !== undefined) {
      issues.push({ path: ['spokes', i, 'account'], value: s.account, message: `is already the account of spoke "${config.spokes[prior].name}"; Session Manager preferences exist once per account and Region`, fix: 'give every spoke its own account (the multi-account model this landing zone assumes)' });
    } else first.set(s.account, i);
  });
  return issues;
};

/**
 * Policy characters the gateway endpoint spends before any listed bucket: the session-log and
 * organization statements (with the archive ARN as a Terraform reference) and statement overhead,
 * rounded up from the synthesized default (about 1,000 characters besides the AWS-owned ARNs).
 */
const S3_POLICY_FIXED_CHARACTERS = 1_500;

/** Characters one ARN adds to a policy: the ARN, its quotes and comma. */
const arnCharacters = (arn: string): number => arn.length + 3;

/**
 * The buckets a spoke's S3 gateway endpoint admits besides the organization's and the AWS-owned ones:
 * names or bucket ARNs AWS accepts, no wildcards (they would admit buckets of any account), each once,
 * and few enough that the policy stays within the 20,480 characters AWS allows (estimated from the
 * catalog; the construct checks the synthesized policy again). An AWS-owned bucket the endpoint
 * already admits is a warning. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export const s3GatewayEndpointBuckets: Rule = ({ config, spokes }) =>
  spokes.flatMap(({ spoke, path }) => {
    const at = [...path, 's3GatewayEndpoint', 'allowBuckets'];
    const issues: ConfigIssue[] = [];
    const seen = new Map<string, number>();
    let characters = S3_POLICY_FIXED_CHARACTERS + AWS_OWNED_BUCKETS.flatMap((set) => awsOwnedObjectArns(set, config.region)).reduce((n, arn) => n + arnCharacters(arn), 0);
    spoke.s3GatewayEndpoint.allowBuckets.forEach((entry, i) => {
      const ref = parseBucketRef(entry.bucket);
      const bucketPath = [...at, i, 'bucket'];
      if (!ref.ok) {
        issues.push({ path: bucketPath, value: entry.bucket, message: ref.reason, fix: 'write the bucket name (e.g. vendor-artifacts) or its ARN (arn:aws:s3:::vendor-artifacts), one entry per bucket' });
        return;
      }
      const name = bucketNameOf(entry.bucket);
      const prior = seen.get(name);
      if (prior !== undefined) {
        issues.push({ path: bucketPath, value: entry.bucket, message: `is already listed at allowBuckets[${prior}]`, fix: 'list each bucket once, with the widest access it needs' });
        return;
      }
      seen.set(name, i);
      const owner = awsOwnedBucketService(name, config.region);
      if (owner) {
        issues.push({ path: bucketPath, value: entry.bucket, message: `is an AWS-owned bucket (${owner}) the endpoint already admits for reading`, fix: 'remove the entry', severity: 'warning' });
      }
      characters += arnCharacters(`arn:aws:s3:::${name}`) + arnCharacters(`arn:aws:s3:::${name}/*`);
    });
    const quota = QUOTAS.vpcEndpointPolicyCharacters;
    if (characters + 300 > quota.value) {
      issues.push({ path: at, value: spoke.s3GatewayEndpoint.allowBuckets.length, message: `buckets make the S3 gateway endpoint policy about ${characters + 300} characters, over ${quotaText(quota)}`, fix: 'list fewer buckets (buckets of the organization need no entry)' });
    }
    return issues;
  });
