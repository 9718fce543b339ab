/**
 * An AWS Network Firewall with one endpoint per AZ (one `subnet_mapping` per firewall subnet) and its
 * ALERT and FLOW logs delivered to the log archive bucket.
 *
 * Changing `name` or `vpc_id` replaces the firewall (ForceNew in hashicorp/aws 5.100.0); the subnet
 * mappings and the policy ARN update in place. Endpoint ids are read per AZ from
 * `firewall_status[0].sync_states` (a set of `{availability_zone, attachment[{endpoint_id, subnet_id}]}`).
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/networkfirewall_firewall
 * Logging to S3 (written by `delivery.logs.amazonaws.com` under `<prefix>/AWSLogs/<account id>/network-firewall/`):
 * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_LogDestinationConfig.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-S3.html (the vended-log delivery and its AWSLogs/<account> layout)
 */
import { Construct } from 'constructs';
import { NetworkfirewallFirewall } from '@cdktf/provider-aws/lib/networkfirewall-firewall';
import { NetworkfirewallLoggingConfiguration } from '@cdktf/provider-aws/lib/networkfirewall-logging-configuration';
import { ValidationError } from '../private/validation-error';
import { SubnetSelection, VpcRef } from '../network/vpc-ref';

/** Props of {@link NetworkFirewall}. */
export interface NetworkFirewallProps {
  /** Firewall name; changing it replaces the firewall. */
  readonly name: string;
  /** The inspection VPC; changing it replaces the firewall. */
  readonly vpc: VpcRef;
  /**
   * Firewall subnets, one per AZ: each gets one firewall endpoint.
   * @default the `firewall` tier
   */
  readonly subnets?: SubnetSelection;
  readonly policyArn: string;
  /** Log archive bucket name. */
  readonly logBucketName: string;
  /** Key prefix below which the log delivery service writes `AWSLogs/<account id>/network-firewall/...`. */
  readonly logPrefix: string;
}

/** A Network Firewall with per-AZ endpoints and alert and flow logs. */
export class NetworkFirewall extends Construct {
  readonly firewall: NetworkfirewallFirewall;
  readonly logging: NetworkfirewallLoggingConfiguration;
  /** AZs with an endpoint, in subnet order. */
  readonly availabilityZones: readonly string[];

  constructor(scope: Construct, id: string, props: NetworkFirewallProps) {
    super(scope, id);
    const subnets = props.vpc.selectSubnets(props.subnets ?? { tiers: ['firewall'] }).subnets;
    const azs = subnets.map((s) => s.az);
    const twice = azs.find((az, i) => azs.indexOf(az) !== i);
    // A firewall takes at most one subnet per AZ. https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/networkfirewall_firewall
    if (twice) throw new ValidationError(this, `a firewall takes one subnet per AZ, got two in ${twice}`);
    if (azs.length === 0) throw new ValidationError(this, 'a firewall needs at least one subnet');
    this.availabilityZones = azs;

    this.firewall = new NetworkfirewallFirewall(this, 'firewall', {
      name: props.name,
      vpcId: props.vpc.vpcId,
      firewallPolicyArn: props.policyArn,
      subnetMapping: subnets.map((s) => ({ subnetId: s.id })),
      // Protections against a careless plan: deleting the firewall or moving its subnets cuts every inspected flow.
      deleteProtection: true,
      subnetChangeProtection: true,
      firewallPolicyChangeProtection: false,
      tags: { Name: props.name },
    });
    this.logging = new NetworkfirewallLoggingConfiguration(this, 'logging', {
      firewallArn: this.firewall.arn,
      loggingConfiguration: {
        logDestinationConfig: ['ALERT', 'FLOW'].map((logType) => ({
          logType,
          logDestinationType: 'S3',
          logDestination: { bucketName: props.logBucketName, prefix: props.logPrefix },
        })),
      },
    });
  }

  /**
   * The endpoint id of the firewall in `az`, as a Terraform expression: null until the firewall
   * reports the AZ in sync (never at plan time for a new firewall, which is why routes depend on it).
   */
  endpointIdIn(az: string): string {
    if (!this.availabilityZones.includes(az)) throw new ValidationError(this, `the firewall has no endpoint in ${az} (it has ${this.availabilityZones.join(', ')})`);
    const fqn = this.firewall.fqn;
    return `\${one([for s in ${fqn}.firewall_status[0].sync_states : s.attachment[0].endpoint_id if s.availability_zone == "${az}"])}`;
  }
}
