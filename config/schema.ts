/**
 * The shape of `landing-zone.yaml`: one zod schema is the single source of truth for types,
 * defaults and the JSON Schema that editors use (`npm run schema` writes schema/landing-zone.schema.json).
 *
 * Shape only lives here: rules that relate two values (a subnet inside its VPC, no overlaps, AZs of
 * the region) live in config/validate/, one small function each.
 */
import { z } from 'zod';

/** Tiers a subnet can belong to. `app` is the seed's "web" tier. */
export const SUBNET_TIERS = ['public', 'app', 'db', 'tgw', 'endpoint'] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/** Tiers whose route tables take the default route to a NAT gateway; public and tgw subnets never do. */
export const NAT_ROUTED_TIERS: readonly SubnetTier[] = ['app', 'db', 'endpoint'];

/** NAT gateway layouts for a VPC that egresses locally. */
export const NAT_MODES = ['none', 'single', 'per-az'] as const;
export type NatMode = (typeof NAT_MODES)[number];

/** Default role every stack's provider assumes in its account when `roleArn` is not set. */
export const DEFAULT_DEPLOY_ROLE_NAME = 'OrganizationAccountAccessRole';

const accountId = z
  .string({ error: 'must be a 12-digit AWS account id, written as a quoted string' })
  .regex(/^\d{12}$/, { error: 'must be a 12-digit AWS account id' })
  .describe('12-digit AWS account id. Quote it in YAML so leading zeros survive.');

const roleArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/, {
    error: 'must be an IAM role ARN such as arn:aws:iam::111111111111:role/NetworkDeploy',
  })
  .describe(`Role the Terraform AWS provider assumes in this account. Default: arn:aws:iam::<account>:role/${DEFAULT_DEPLOY_ROLE_NAME}.`);

/** A name AWS accepts inside resource names, tags, stack and workspace names. */
const resourceName = (max: number) =>
  z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .regex(/^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$/, {
      error: 'must be lower-case letters, digits and hyphens, start with a letter and not end with a hyphen',
    });

const cidr = z.string().describe('IPv4 CIDR block, e.g. 172.16.0.0/16 (network address, no host bits).');

const subnetSchema = z
  .strictObject({
    name: resourceName(32).describe('Subnet name, unique within the VPC; used in the Name tag and Terraform address.'),
    tier: z.enum(SUBNET_TIERS).describe('public: IGW route; app: web/application tier; db: databases; tgw: Transit Gateway attachment ENIs; endpoint: interface endpoint ENIs.'),
    cidr,
    az: z.string().describe('Availability zone name, e.g. ap-northeast-2a; must be in the VPC availabilityZones.'),
  })
  .describe('One subnet with an explicit CIDR.');

const tierSpecSchema = z
  .strictObject({
    prefixLength: z.number().int().min(16).max(28).describe('Prefix length of each generated subnet (/16 to /28).'),
    count: z.number().int().min(1).max(200).describe('How many subnets to generate; they are spread round-robin over the VPC AZs.'),
  })
  .describe('Generated subnets of one tier, carved from the VPC free space after explicit subnets.');

const vpcSchema = z
  .strictObject({
    cidr,
    availabilityZones: z.array(z.string()).min(1, { error: 'must list at least one availability zone' }).describe('AZ names this VPC spans.'),
    subnets: z.array(subnetSchema).default([]).describe('Explicit subnets (the seed layout).'),
    tiers: z
      .partialRecord(z.enum(SUBNET_TIERS), tierSpecSchema)
      .optional()
      .describe('Compact alternative to `subnets`: per tier, a prefix length and a count.'),
    natGateways: z
      .enum(NAT_MODES)
      .optional()
      .describe('NAT gateways for local egress: none, single (one NAT and EIP in the first public subnet) or per-az. Default: single when a public subnet exists, else none.'),
  })
  .describe('The spoke application VPC.');

const spokeSchema = z.strictObject({
  name: resourceName(32).describe('Spoke name; the stack is <name>-spoke-<spoke name>.'),
  account: accountId,
  roleArn: roleArn.optional(),
  segment: resourceName(32).describe('Transit Gateway segment (route table) this spoke joins.'),
  vpc: vpcSchema,
});

/** The whole landing-zone.yaml. */
export const landingZoneSchema = z
  .strictObject({
    name: resourceName(20).describe('Prefix of every stack, resource name and tag (max 20 characters, so derived names stay inside AWS limits).'),
    region: z.string().describe('AWS region of every stack, e.g. ap-northeast-2.'),
    organization: z.strictObject({
      id: z
        .string()
        .regex(/^o-[a-z0-9]{10,32}$/, { error: 'must be an AWS Organizations id: "o-" then 10 to 32 lower-case letters or digits' })
        .describe('AWS Organizations id (o-xxxxxxxxxx); scopes resource policies with aws:PrincipalOrgID.'),
    }).describe('The AWS organization every account belongs to.'),
    tags: z.record(z.string(), z.string()).default({}).describe('Extra tags applied to every resource through the provider default_tags.'),
    terraformCloud: z
      .strictObject({
        organization: z.string().min(1).describe('Terraform Cloud organization.'),
        project: z.string().min(1).optional().describe('Terraform Cloud project for the workspaces. Default: the organization default project.'),
        workspacePrefix: z.string().default('').describe('Prefix of every workspace name; the workspace is <prefix><stack>.'),
      })
      .optional()
      .describe('When set, every stack uses a Terraform Cloud workspace instead of local state.'),
    hub: z.strictObject({
      account: accountId,
      roleArn: roleArn.optional(),
      availabilityZones: z.array(z.string()).min(2, { error: 'must list at least two availability zones' }).describe('AZs of the hub VPCs.'),
    }).describe('The network hub account (stack <name>-hub).'),
    logArchive: z
      .strictObject({
        account: accountId.optional().describe('Log archive account. Default: the hub account.'),
        roleArn: roleArn.optional(),
      })
      .default({})
      .describe('The log archive account (stack <name>-log-archive).'),
    spokes: z.array(spokeSchema).default([]).describe('Spoke accounts, one stack <name>-spoke-<spoke> each.'),
  })
  .describe('AWS network landing zone: hub, log archive and spokes.');

/** Config as written (after defaults). */
export type LandingZoneConfig = z.infer<typeof landingZoneSchema>;
export type SpokeConfig = LandingZoneConfig['spokes'][number];
export type VpcConfig = SpokeConfig['vpc'];
export type SubnetConfig = VpcConfig['subnets'][number];
