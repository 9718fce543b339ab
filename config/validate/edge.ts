/**
 * Client VPN and load balancer rules: the client range, associated subnets, users; ALB subnets,
 * host rules and ports.
 * https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/cvpn-working-endpoints.html (client CIDR /12 to /22)
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
 */
import { certificateRegionProblem, hostProblem, MAX_HOST_LENGTH, MAX_HOST_RULES, wafWebAclProblem } from '../../lib/aws/alb';
import { overlaps, parseCidr } from '../../lib/net/range';
import { ConfigIssue, didYouMean } from '../issues';
import { CLIENT_VPN_CERTIFICATE_DEFAULTS, clientVpnCertificates, clientVpnSubnets } from '../model';
import { clientVpnUserName } from '../schema';
import { csrCommand, CSR_RSA_BITS, inspectCertificateRequest, readCertificateRequestFile } from '../csr';
import { MAX_PKI_NAME, spokeResourcePrefix } from '../../lib/names';
import { QUOTAS, quotaText } from '../../lib/aws/quotas';
import { KNOWN_REGIONS } from '../../lib/aws/regions';
import { CLIENT_CIDR_PREFIX as CLIENT_CIDR_PREFIX_FACT } from '../../lib/aws/client-vpn';
import { Rule } from './context';
import { landingZoneRanges } from './network';

// Prefix range AWS accepts for a Client VPN client CIDR: lib/aws's, the same the construct checks.
const CLIENT_CIDR_PREFIX = { min: CLIENT_CIDR_PREFIX_FACT.widest, max: CLIENT_CIDR_PREFIX_FACT.narrowest } as const;

// `<name>-<spoke> Client VPN CA` must fit a 64-character common name: MAX_PKI_NAME (50), lib/names.ts.

const COMMON_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The client range is /12-/22 and overlaps no VPC, hub VPC or on-premises range; Direct Connect never advertises it. */
export const clientVpnRange: Rule = (ctx) => {
  const ranges = landingZoneRanges(ctx);
  return ctx.config.spokes.flatMap((s, i) => {
    if (!s.clientVpn) return [];
    const path = ['spokes', i, 'clientVpn', 'clientCidr'];
    const parsed = parseCidr(s.clientVpn.clientCidr);
    if (!parsed.ok) return [{ path, value: s.clientVpn.clientCidr, message: parsed.reason, fix: parsed.suggestion ? `write ${parsed.suggestion}` : 'write an IPv4 block such as 10.100.0.0/22' }];
    const issues: ConfigIssue[] = [];
    if (parsed.cidr.prefix < CLIENT_CIDR_PREFIX.min || parsed.cidr.prefix > CLIENT_CIDR_PREFIX.max) {
      issues.push({ path, value: s.clientVpn.clientCidr, message: `is a /${parsed.cidr.prefix}; a Client VPN client range is /${CLIENT_CIDR_PREFIX.min} to /${CLIENT_CIDR_PREFIX.max}`, fix: 'use a /22 (1,024 addresses) or larger up to /12' });
    }
    const clash = ranges.find((r) => overlaps(r.cidr, parsed.cidr));
    if (clash) issues.push({ path, value: s.clientVpn.clientCidr, message: `overlaps ${clash.cidr.text} of ${clash.owner}`, fix: 'pick a range no VPC or on-premises network uses' });
    const dx = ctx.config.hub.directConnect?.allowedPrefixes;
    if (Array.isArray(dx)) {
      dx.forEach((p, j) => {
        const prefix = parseCidr(p);
        if (prefix.ok && overlaps(prefix.cidr, parsed.cidr)) {
          issues.push({ path: ['hub', 'directConnect', 'allowedPrefixes', j], value: p, message: `includes the Client VPN range ${s.clientVpn!.clientCidr} of spoke "${s.name}", which on-premises must not route to`, fix: 'narrow the allowed prefixes or move the client range' });
        }
      });
    }
    return issues;
  });
};

/** Associated subnets exist, are db-tier and sit in distinct AZs; users are unique valid common names. */
export const clientVpnSubnetsAndUsers: Rule = ({ config, spokes }) =>
  spokes.flatMap(({ spoke, path, subnets }) => {
    const vpn = spoke.clientVpn;
    if (!vpn) return [];
    const at = [...path, 'clientVpn'];
    const issues: ConfigIssue[] = [];
    const names = clientVpnSubnets(spoke, subnets);
    if (names.length === 0) issues.push({ path: at, value: undefined, message: 'has no db subnet to associate with', fix: 'add db-tier subnets, or list subnets under clientVpn.subnets' });
    const seenAz = new Map<string, string>();
    names.forEach((name, j) => {
      const p = vpn.subnets ? [...at, 'subnets', j] : at;
      const subnet = subnets.find((s) => s.name === name);
      if (!subnet) return void issues.push({ path: p, value: name, message: `is not a subnet of this VPC${didYouMean(name, subnets.map((s) => s.name))}`, fix: 'name a db subnet' });
      if (subnet.tier !== 'db') issues.push({ path: p, value: name, message: `is in the ${subnet.tier} tier; Client VPN associates with the db tier`, fix: 'name a db subnet' });
      if (seenAz.has(subnet.az)) issues.push({ path: p, value: name, message: `is in ${subnet.az} like "${seenAz.get(subnet.az)}"; associations need distinct AZs`, fix: 'keep one subnet per AZ' });
      seenAz.set(subnet.az, name);
    });
    const seen = new Map<string, string>();
    const users = vpn.users.map(clientVpnUserName);
    vpn.users.forEach((entry, j) => {
      const u = clientVpnUserName(entry);
      const p = typeof entry === 'string' ? [...at, 'users', j] : [...at, 'users', j, 'name'];
      // Users name Terraform resources and certificates (case-insensitive in practice).
      const key = u.replace(/[^A-Za-z0-9_-]/g, '_').toLowerCase();
      if (!COMMON_NAME.test(u)) issues.push({ path: p, value: u, message: 'is not a valid certificate common name', fix: 'use up to 64 letters, digits, dots, underscores, hyphens or @' });
      else if (seen.has(key)) issues.push({ path: p, value: u, message: `collides with user "${seen.get(key)}" (the same certificate name once case and punctuation are ignored)`, fix: 'list each user once, with names that differ in more than case or punctuation' });
      if (!seen.has(key)) seen.set(key, u);
    });
    // The connect handler admits the listed common names, comma-separated in one Lambda environment
    // variable; 64 bytes stay free for the variable's name and the encoding.
    const listBytes = users.join(',').length;
    if (listBytes + 64 > QUOTAS.lambdaEnvironmentBytes.value) {
      issues.push({ path: [...at, 'users'], value: `${users.length} users`, message: `make a ${listBytes}-byte allow-list for the connect handler; with 64 bytes for the variable's name that exceeds ${quotaText(QUOTAS.lambdaEnvironmentBytes)}`, fix: 'shorten the user names or split the users over two spokes; for hundreds of users use SAML or Active Directory authentication' });
    }
    const pkiName = spokeResourcePrefix(config.name, spoke.name);
    if (pkiName.length > MAX_PKI_NAME) {
      issues.push({ path: [...path, 'name'], value: spoke.name, message: `makes the VPN CA name "${pkiName} Client VPN CA" longer than the 64 characters a certificate common name allows`, fix: `keep "<name>-<spoke>" at ${MAX_PKI_NAME} characters or fewer` });
    }
    (vpn.authorizedCidrs ?? []).forEach((c, j) => {
      const parsed = parseCidr(c);
      if (!parsed.ok) issues.push({ path: [...at, 'authorizedCidrs', j], value: c, message: parsed.reason, fix: parsed.suggestion ? `write ${parsed.suggestion}` : 'write an IPv4 block' });
    });
    return issues;
  });

/**
 * A user who keeps their own key names a certificate signing request the PKI workspace can sign for
 * this endpoint: the file exists (relative to the config file) and holds exactly one PEM
 * `CERTIFICATE REQUEST` and no key; its signature verifies with its own public key (the tls provider
 * does not check it); its subject's only common name is the user name, which the connect handler
 * admits and the connection log shows (the certificate copies the request's subject); its key is RSA
 * 2048, as every key of this PKI (Client VPN takes RSA 1024 or 2048 only).
 * https://github.com/hashicorp/terraform-provider-tls/blob/main/internal/provider/resource_locally_signed_cert.go
 * https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/mutual.html
 */
export const clientVpnCertificateRequests: Rule = ({ spokes, configDir }) =>
  spokes.flatMap(({ spoke, path }) =>
    (spoke.clientVpn?.users ?? []).flatMap((entry, j): ConfigIssue[] => {
      if (typeof entry === 'string') return [];
      const p = [...path, 'clientVpn', 'users', j, 'csr'];
      const { name, csr } = entry;
      const remake = `have ${name} make a new request and send only the .csr file: ${csrCommand(name)}`;
      const read = readCertificateRequestFile(configDir, csr);
      if ('problem' in read) return [{ path: p, value: csr, message: read.problem, fix: `write the path of ${name}'s request relative to the config file, or list ${name} by name only to have the PKI workspace make the key` }];
      const info = inspectCertificateRequest(read.text);
      if ('problem' in info) {
        const leaked = info.problem.includes('PRIVATE KEY');
        return [{ path: p, value: csr, message: info.problem, fix: leaked ? `delete the file and its history from the repository, then ${remake}` : remake }];
      }
      const issues: ConfigIssue[] = [];
      if (info.signature === 'invalid') issues.push({ path: p, value: csr, message: 'has a signature that does not verify with its own public key: the file was altered or damaged', fix: remake });
      if (info.signature === 'unsupported') issues.push({ path: p, value: csr, message: 'is signed with an algorithm this check cannot verify (only RSA PKCS #1 v1.5 and ECDSA with SHA-1/SHA-2)', fix: remake });
      if (info.commonNames.length !== 1 || info.commonNames[0] !== name) {
        const got = info.commonNames.length === 0 ? 'no common name' : `the common name${info.commonNames.length > 1 ? 's' : ''} ${info.commonNames.map((n) => `"${n}"`).join(', ')}`;
        issues.push({ path: p, value: csr, message: `asks for ${got}, not "${name}": the certificate copies the request's subject, and the connect handler admits only the listed names`, fix: remake });
      }
      if (info.keyType !== 'rsa' || info.keyBits !== CSR_RSA_BITS) {
        issues.push({ path: p, value: csr, message: `carries a${info.keyType === 'rsa' ? ` ${info.keyBits}-bit RSA` : `n ${info.keyType.toUpperCase()}`} key; every key of this Client VPN is RSA ${CSR_RSA_BITS} (the endpoint takes RSA 1024 or 2048 only, and 1024 bits is too weak)`, fix: remake });
      }
      return issues;
    }),
  );

/** Renewal warns when the window is shorter than a month: an apply must run inside it. */
export const MIN_EARLY_RENEWAL_DAYS = CLIENT_VPN_CERTIFICATE_DEFAULTS.earlyRenewalDays;

/**
 * Certificate lifetimes: each certificate outlives its renewal window and dies before its CA; the
 * deprecated `certValidityDays` (server and clients expiring together) warns, and may not be mixed with
 * `certificates`. The tls provider re-issues a certificate at the first apply within `early_renewal_hours`
 * of its expiry; a window of 0 (or none) means it is replaced only after it expired, an outage.
 * https://registry.terraform.io/providers/hashicorp/tls/latest/docs/resources/locally_signed_cert
 */
export const clientVpnCertificateLifetimes: Rule = ({ spokes }) =>
  spokes.flatMap(({ spoke, path }) => {
    const vpn = spoke.clientVpn;
    if (!vpn) return [];
    const at = [...path, 'clientVpn'];
    const cert = [...at, 'certificates'];
    const given = vpn.certificates ?? {};
    const issues: ConfigIssue[] = [];
    if (vpn.certValidityDays !== undefined) {
      if (given.serverValidityDays !== undefined || given.clientValidityDays !== undefined) {
        issues.push({ path: [...at, 'certValidityDays'], value: vpn.certValidityDays, message: 'is set together with certificates.serverValidityDays or certificates.clientValidityDays', fix: 'remove certValidityDays; certificates sets each validity' });
      } else {
        issues.push({
          path: [...at, 'certValidityDays'],
          value: vpn.certValidityDays,
          severity: 'warning',
          message: 'is deprecated: the server and client certificates get one validity, so they expire on the same day',
          fix: 'use certificates.serverValidityDays and certificates.clientValidityDays (different values stagger the renewals)',
        });
      }
    }
    const c = clientVpnCertificates(vpn);
    // Where a too-long validity comes from: its own field, the deprecated certValidityDays, or (defaults) a short CA.
    const sourceOf = (field: 'serverValidityDays' | 'clientValidityDays') => (given[field] !== undefined ? [...cert, field] : vpn.certValidityDays !== undefined ? [...at, 'certValidityDays'] : [...cert, 'caValidityDays']);
    for (const [field, what] of [
      ['serverValidityDays', 'server'],
      ['clientValidityDays', 'client'],
    ] as const) {
      if (c[field] >= c.caValidityDays) {
        issues.push({ path: sourceOf(field), value: c[field], message: `makes the ${what} certificate last ${c[field]} days, not less than the CA's ${c.caValidityDays}: it would outlive the CA that signed it`, fix: `shorten it below ${c.caValidityDays} days or lengthen certificates.caValidityDays` });
      }
    }
    const shortest = Math.min(c.caValidityDays, c.serverValidityDays, c.clientValidityDays);
    if (c.earlyRenewalDays >= shortest) {
      issues.push({
        path: given.earlyRenewalDays !== undefined ? [...cert, 'earlyRenewalDays'] : cert,
        value: c.earlyRenewalDays,
        message: `renews certificates ${c.earlyRenewalDays} days before expiry, not less than the shortest validity (${shortest} days): every apply would re-issue them`,
        fix: `pick earlyRenewalDays below ${shortest}, or lengthen the validity`,
      });
    } else if (c.earlyRenewalDays < MIN_EARLY_RENEWAL_DAYS) {
      issues.push({
        path: [...cert, 'earlyRenewalDays'],
        value: c.earlyRenewalDays,
        severity: 'warning',
        message: `leaves less than ${MIN_EARLY_RENEWAL_DAYS} days to run an apply and hand out new profiles before a certificate expires (lz check reports LZ-PKI01)`,
        fix: `use ${MIN_EARLY_RENEWAL_DAYS} or more, or suppress LZ-PKI01 with the reason`,
      });
    }
    return issues;
  });

/**
 * The ALB needs public subnets in two AZs; host names are valid, at most 128 characters and unique; the
 * rule count fits; ports are ports; someone may reach it; its certificate and web ACL are of the
 * landing zone Region (the ALB construct refuses the same, config/alb.ts).
 */
export const loadBalancerRules: Rule = ({ config, spokes }) =>
  spokes.flatMap(({ spoke, path, subnets }) => {
    const alb = spoke.alb;
    if (!alb) return [];
    const at = [...path, 'alb'];
    const issues: ConfigIssue[] = [];
    const publicAzs = new Set(subnets.filter((s) => s.tier === 'public').map((s) => s.az));
    if (publicAzs.size < 2) issues.push({ path: at, value: undefined, message: `needs public subnets in two AZs, but the VPC has them in ${publicAzs.size}`, fix: 'add public subnets in at least two AZs' });
    // One listener rule and one target group per host (config/alb.ts: the rules and target groups quotas).
    if (alb.hosts.length > MAX_HOST_RULES) issues.push({ path: [...at, 'hosts'], value: alb.hosts.length, message: `rules exceed the ${MAX_HOST_RULES} rules per load balancer AWS allows by default`, fix: 'use wildcard hosts or a second load balancer' });
    const seen = new Set<string>();
    alb.hosts.forEach((h, j) => {
      const p = [...at, 'hosts', j];
      const host = h.host.toLowerCase();
      if (!HOST.test(host)) issues.push({ path: [...p, 'host'], value: h.host, message: 'is not a valid host name', fix: 'write a domain such as shop.example.com (a leading *. is allowed)' });
      else if (host.length > MAX_HOST_LENGTH) issues.push({ path: [...p, 'host'], value: h.host, message: hostProblem(host)!, fix: 'use a shorter host name, or a wildcard such as *.example.com' });
      else if (seen.has(host)) issues.push({ path: [...p, 'host'], value: h.host, message: 'already has a rule', fix: 'give every host one rule' });
      seen.add(host);
      if (h.port < 1 || h.port > 65535) issues.push({ path: [...p, 'port'], value: h.port, message: 'is not a TCP port', fix: 'use 1-65535' });
    });
    // An empty list would open the load balancer to nobody: the construct refuses it.
    if (alb.allowedCidrs.length === 0) issues.push({ path: [...at, 'allowedCidrs'], value: [], message: 'is empty, so nobody could reach the load balancer', fix: 'list the client ranges, or remove allowedCidrs for a public site (0.0.0.0/0)' });
    alb.allowedCidrs.forEach((c, j) => {
      const parsed = parseCidr(c);
      if (!parsed.ok) issues.push({ path: [...at, 'allowedCidrs', j], value: c, message: parsed.reason, fix: parsed.suggestion ? `write ${parsed.suggestion}` : 'write an IPv4 block' });
    });
    // An unknown Region is reported once, by knownRegion; then only the ARN's shape is judged here.
    const region = KNOWN_REGIONS.includes(config.region) ? config.region : undefined;
    const certificate = alb.certificateArn && certificateRegionProblem(alb.certificateArn, region);
    if (certificate) issues.push({ path: [...at, 'certificateArn'], value: alb.certificateArn, message: certificate, fix: `request or import the certificate in ACM in ${config.region} and use its ARN` });
    const waf = alb.wafAclArn && wafWebAclProblem(alb.wafAclArn, region);
    if (waf) issues.push({ path: [...at, 'wafAclArn'], value: alb.wafAclArn, message: waf, fix: `use the ARN of a REGIONAL web ACL created in ${config.region}` });
    return issues;
  });

/**
 * An ALB without a certificate serves and forwards plain HTTP, which `lz check` refuses (LZ-ALB02,
 * an error): the config refuses it too, unless `alb.httpOnly.reason` accepts it. Accepted, it is a
 * warning here and LZ-ALB02 is reported as suppressed with that reason (analysis/run.ts), so
 * validate, synth and check agree.
 */
export const loadBalancerWithoutTls: Rule = ({ config }) =>
  config.spokes.flatMap((s, i): ConfigIssue[] => {
    const alb = s.alb;
    if (!alb) return [];
    const at = ['spokes', i, 'alb'];
    if (alb.certificateArn && alb.httpOnly) {
      return [{ path: [...at, 'httpOnly'], value: alb.httpOnly, message: 'is set together with certificateArn: with a certificate the load balancer redirects HTTP to HTTPS', fix: 'remove httpOnly, or remove certificateArn to serve plain HTTP' }];
    }
    if (alb.certificateArn) return [];
    if (!alb.httpOnly) {
      return [
        {
          path: [...at, 'certificateArn'],
          value: undefined,
          message: 'is not set, so the load balancer would serve plain HTTP and forward it unencrypted (lz check refuses that: LZ-ALB02)',
          fix: `add the ARN of an ACM certificate in ${config.region} for the hosts, or accept plain HTTP with httpOnly: { reason: "..." }`,
        },
      ];
    }
    return [
      {
        path: [...at, 'httpOnly'],
        value: alb.httpOnly.reason,
        severity: 'warning',
        message: 'accepts a load balancer that serves plain HTTP (no TLS); lz check reports LZ-ALB02 as suppressed with this reason',
        fix: 'add certificateArn and remove httpOnly when TLS is possible',
      },
    ];
  });
