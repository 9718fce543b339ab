/**
 * Facts about Application Load Balancers that the config rules and the ALB construct share: the
 * certificate and web ACL ARNs it accepts, host-header conditions, and its quotas. One home, so
 * `lz validate` refuses exactly what the construct would refuse at synth.
 */
import type { Quota } from './quotas';

const ALB_QUOTAS_DOC = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html';

/**
 * Application Load Balancer quotas (defaults, checked 2026-11). The rules quota counts every
 * listener's rules together, not per listener; the HTTP listener has only its redirect default
 * action, so host rules are the only rules counted. The rules quota is adjustable but the target
 * groups quota is not, and every host rule gets its own target group: 100 host rules is the hard
 * ceiling whatever quota increase an account has.
 */
export const ALB_QUOTAS = {
  rulesPerLoadBalancer: { value: 100, what: 'rules per Application Load Balancer (excluding default rules)', adjustable: true, doc: ALB_QUOTAS_DOC },
  targetGroupsPerLoadBalancer: { value: 100, what: 'target groups per Application Load Balancer', adjustable: false, doc: ALB_QUOTAS_DOC },
} as const satisfies Record<string, Quota>;

/** Most host rules one load balancer can carry (one rule and one target group each). */
export const MAX_HOST_RULES = Math.min(ALB_QUOTAS.rulesPerLoadBalancer.value, ALB_QUOTAS.targetGroupsPerLoadBalancer.value);

/** An ACM certificate ARN: `arn:<partition>:acm:<region>:<account>:certificate/<id>`. */
export const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[A-Za-z0-9-]+$/;

/** Region and account of an ACM certificate ARN, or undefined when it is not one. */
export function parseAcmCertificateArn(arn: string): { readonly region: string; readonly account: string } | undefined {
  const m = ACM_CERTIFICATE_ARN.exec(arn);
  return m ? { region: m[1], account: m[2] } : undefined;
}

/** A WAFv2 web ACL ARN: `arn:<partition>:wafv2:<region>:<account>:(regional|global)/webacl/<name>/<id>`. */
const WAF_WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:([a-z0-9-]*):\d{12}:(regional|global)\/webacl\/[^/]+\/[^/]+$/;

/** Region and scope of a WAFv2 web ACL ARN, or undefined when it is not one. */
export function parseWafWebAclArn(arn: string): { readonly region: string; readonly scope: 'regional' | 'global' } | undefined {
  const m = WAF_WEB_ACL_ARN.exec(arn);
  return m ? { region: m[1], scope: m[2] as 'regional' | 'global' } : undefined;
}

/**
 * Why a web ACL cannot protect a load balancer in `region`, as a message tail; undefined when it can.
 * A load balancer takes only a REGIONAL web ACL of its own Region. Without a `region` (the caller's is
 * not a valid one) only the ARN's shape and scope are judged.
 * https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html
 */
export function wafWebAclProblem(arn: string, region: string | undefined): string | undefined {
  const waf = parseWafWebAclArn(arn);
  if (!waf) return 'is not a WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)';
  if (waf.scope !== 'regional') return 'is a CLOUDFRONT-scope (global) web ACL; a load balancer takes only a REGIONAL web ACL created in its own Region';
  if (region !== undefined && waf.region !== region) return `is a web ACL in ${waf.region}, but the load balancer is in ${region}`;
  return undefined;
}

/**
 * Why an ACM certificate cannot serve a load balancer in `region`, as a message tail; undefined when
 * it can (or when there is no valid `region` to compare with). ACM certificates are regional: a load
 * balancer uses only certificates of its own Region.
 * https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html
 */
export function certificateRegionProblem(arn: string, region: string | undefined): string | undefined {
  const acm = parseAcmCertificateArn(arn);
  if (acm && region !== undefined && acm.region !== region) return `is an ACM certificate in ${acm.region}, but a load balancer can only use certificates from its own Region (${region})`;
  return undefined;
}

/** Host-header condition values are at most 128 characters. https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_HostHeaderConditionConfig.html */
export const MAX_HOST_LENGTH = 128;

/** A DNS label. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why a host name (lower-cased) cannot be a host rule, as a message tail; undefined when it can. */
export function hostProblem(host: string): string | undefined {
  const why = 'must be a DNS name of at least two labels (letters, digits, hyphens), optionally with "*" as the whole first label, e.g. "*.example.com"';
  if (host.length > MAX_HOST_LENGTH) return `is ${host.length} characters long; a host-header condition takes at most ${MAX_HOST_LENGTH}`;
  const labels = host.split('.');
  if (labels.length < 2) return why;
  const [first, ...rest] = labels;
  if (!(first === '*' || LABEL.test(first)) || !rest.every((l) => LABEL.test(l))) return why;
  return undefined;
}
