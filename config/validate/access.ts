/**
 * Operator access rules: Session Manager timeouts and endpoints, the EC2 Instance Connect Endpoint's
 * subnet and tunnel duration. Ranges: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-timeout.html,
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-max-timeout.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/permissions-for-ec2-instance-connect-endpoint.html
 */
import { ConfigIssue, didYouMean } from '../issues';
import { SSM_ENDPOINT_SERVICES } from '../model';
import { Rule } from './context';

/** Session Manager idle timeout (minutes). */
export const SSM_IDLE_TIMEOUT = { min: 1, max: 60 } as const;
/** Session Manager maximum session duration (minutes). */
export const SSM_MAX_SESSION = { min: 1, max: 1440 } as const;
/** EC2 Instance Connect Endpoint maximum tunnel duration (seconds). */
export const EIC_MAX_TUNNEL = { min: 1, max: 3600 } as const;

/** Timeouts in range; central SSM endpoints only when the hub centralizes all three services; local ones need a private subnet. */
export const sessionManagerSettings: Rule = ({ config, spokes }) =>
  spokes.flatMap(({ spoke, path, subnets }) => {
    const at = [...path, 'access', 'ssm'];
    const ssm = spoke.access.ssm;
    const issues: ConfigIssue[] = [];
    if (ssm.idleTimeoutMinutes < SSM_IDLE_TIMEOUT.min || ssm.idleTimeoutMinutes > SSM_IDLE_TIMEOUT.max) {
      issues.push({ path: [...at, 'idleTimeoutMinutes'], value: ssm.idleTimeoutMinutes, message: `is outside the ${SSM_IDLE_TIMEOUT.min}-${SSM_IDLE_TIMEOUT.max} minutes Session Manager allows`, fix: 'pick 1 to 60 minutes (20 is the default)' });
    }
    if (ssm.maxSessionMinutes < SSM_MAX_SESSION.min || ssm.maxSessionMinutes > SSM_MAX_SESSION.max) {
      issues.push({ path: [...at, 'maxSessionMinutes'], value: ssm.maxSessionMinutes, message: `is outside the ${SSM_MAX_SESSION.min}-${SSM_MAX_SESSION.max} minutes Session Manager allows`, fix: 'pick 1 to 1440 minutes' });
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

/** The Instance Connect Endpoint sits in a private subnet of this VPC; tunnels last 1-3600 seconds. */
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
      issues.push({ path: [...at, 'maxTunnelSeconds'], value: eic.maxTunnelSeconds, message: `is outside the ${EIC_MAX_TUNNEL.min}-${EIC_MAX_TUNNEL.max} seconds AWS allows for a tunnel`, fix: 'pick up to 3600 seconds' });
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
