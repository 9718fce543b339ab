/** The workload half of the rule pack: ALB, Client VPN and its certificates, S3, KMS, IAM, Session Manager and CloudWatch Logs rules, in id order. */
import { rule as albTlsPolicy } from './alb-tls-policy';
import { rule as albHttpRedirect } from './alb-http-redirect';
import { rule as albDropInvalidHeaders } from './alb-drop-invalid-headers';
import { rule as albAccessLogs } from './alb-access-logs';
import { rule as albDeletionProtection } from './alb-deletion-protection';
import { rule as albDesyncMitigation } from './alb-desync-mitigation';
import { rule as cvpnConnectionLogging } from './cvpn-connection-logging';
import { rule as cvpnAuthorizationScope } from './cvpn-authorization-scope';
import { rule as cvpnSplitTunnel } from './cvpn-split-tunnel';
import { rule as cvpnMutualTls } from './cvpn-mutual-tls';
import { rule as cvpnConnectHandler } from './cvpn-connect-handler';
import { rule as iamNoAdminStatement } from './iam-no-admin-statement';
import { rule as iamNoAdminManagedPolicy } from './iam-no-admin-managed-policy';
import { rule as iamScopedTrust } from './iam-scoped-trust';
import { rule as iamNoServiceWildcard } from './iam-no-service-wildcard';
import { rule as kmsKeyRotation } from './kms-key-rotation';
import { rule as kmsKeyPolicy } from './kms-key-policy';
import { rule as logGroupEncryption } from './log-group-encryption';
import { rule as logGroupRetention } from './log-group-retention';
import { rule as logDeliveryAdmitted } from './log-delivery-admitted';
import { rule as pkiEarlyRenewal } from './pki-early-renewal';
import { rule as s3PublicAccessBlock } from './s3-public-access-block';
import { rule as s3TlsOnly } from './s3-tls-only';
import { rule as s3DefaultEncryption } from './s3-default-encryption';
import { rule as s3Versioning } from './s3-versioning';
import { rule as s3ObjectOwnership } from './s3-object-ownership';
import { rule as s3NoPublicPolicy } from './s3-no-public-policy';
import { rule as ssmSessionEncryption } from './ssm-session-encryption';
import { rule as ssmSessionLogging } from './ssm-session-logging';
import { rule as ssmSessionTimeouts } from './ssm-session-timeouts';
import type { Rule } from '../types';

/** Every workload rule, sorted by id. */
export const WORKLOAD_RULES: readonly Rule[] = [
  albTlsPolicy,
  albHttpRedirect,
  albDropInvalidHeaders,
  albAccessLogs,
  albDeletionProtection,
  albDesyncMitigation,
  cvpnConnectionLogging,
  cvpnAuthorizationScope,
  cvpnSplitTunnel,
  cvpnMutualTls,
  cvpnConnectHandler,
  iamNoAdminStatement,
  iamNoAdminManagedPolicy,
  iamScopedTrust,
  iamNoServiceWildcard,
  kmsKeyRotation,
  kmsKeyPolicy,
  logGroupEncryption,
  logGroupRetention,
  logDeliveryAdmitted,
  pkiEarlyRenewal,
  s3PublicAccessBlock,
  s3TlsOnly,
  s3DefaultEncryption,
  s3Versioning,
  s3ObjectOwnership,
  s3NoPublicPolicy,
  ssmSessionEncryption,
  ssmSessionLogging,
  ssmSessionTimeouts,
];
