/** EC2 Instance Connect Endpoint facts the config rules and the InstanceConnectEndpoint construct share. */
import type { Quota } from './quotas';

/** The page of the IAM conditions of an Instance Connect Endpoint tunnel. */
export const EICE_PERMISSIONS_DOC = 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/permissions-for-ec2-instance-connect-endpoint.html';
const EICE_QUOTAS_DOC = 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/eice-quotas.html';

/**
 * Tunnel duration range AWS allows, in seconds: `ec2-instance-connect:maxTunnelDuration` ranges from 1
 * to 3,600 seconds, and 3,600 is also what applies when no condition is set.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/permissions-for-ec2-instance-connect-endpoint.html#iam-OpenTunnel
 */
export const EIC_TUNNEL_SECONDS = { min: 1, max: 3600 } as const;

/** Longest tunnel AWS allows, in seconds ({@link EIC_TUNNEL_SECONDS}.max). */
export const EIC_MAX_TUNNEL_DURATION_SECONDS = EIC_TUNNEL_SECONDS.max;

/**
 * EC2 Instance Connect Endpoint quotas (defaults, checked 2026-11). One endpoint per VPC is why the
 * construct builds exactly one, and why replacing it must be destroy-then-create.
 */
export const EIC_QUOTAS = {
  endpointsPerAccountPerRegion: { value: 5, what: 'EC2 Instance Connect Endpoints per AWS account per Region', adjustable: false, doc: EICE_QUOTAS_DOC },
  endpointsPerVpc: { value: 1, what: 'EC2 Instance Connect Endpoints per VPC', adjustable: false, doc: EICE_QUOTAS_DOC },
  endpointsPerSubnet: { value: 1, what: 'EC2 Instance Connect Endpoints per subnet', adjustable: false, doc: EICE_QUOTAS_DOC },
  concurrentConnectionsPerEndpoint: { value: 20, what: 'concurrent connections per EC2 Instance Connect Endpoint', adjustable: false, doc: EICE_QUOTAS_DOC },
} as const satisfies Record<string, Quota>;
