/**
 * A Route 53 Profile, created by the hub stack in the network hub account, holding the centralized
 * interface endpoints (with their private DNS) and the Resolver forwarding rules, shared through RAM;
 * each spoke associates its VPC with it once, from its own workspace.
 * Profiles accept interface endpoints directly, so this mode needs no per-service hosted zones.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/profile-associate-vpc-endpoints.html
 */
import { Construct } from 'constructs';
import { Route53ProfilesProfile } from '@cdktf/provider-aws/lib/route53profiles-profile';
import { Route53ProfilesResourceAssociation } from '@cdktf/provider-aws/lib/route53profiles-resource-association';
import { ResourceShare } from '../hub/resource-share';

/** Props of {@link DnsProfile}. */
export interface DnsProfileProps {
  readonly name: string;
  /** Resources (interface endpoints, resolver rules) by a stable key to ARN. */
  readonly resources: Readonly<Record<string, string>>;
  readonly sharePrincipals: readonly string[];
}

/** The shared Route 53 Profile. */
export class DnsProfile extends Construct {
  readonly profile: Route53ProfilesProfile;

  constructor(scope: Construct, id: string, props: DnsProfileProps) {
    super(scope, id);
    this.profile = new Route53ProfilesProfile(this, 'profile', { name: props.name, tags: { Name: props.name } });
    for (const [key, arn] of Object.entries(props.resources)) {
      new Route53ProfilesResourceAssociation(this, `resource-${key}`, { name: `${props.name}-${key}`.slice(0, 64), profileId: this.profile.id, resourceArn: arn });
    }
    new ResourceShare(this, 'share', { name: props.name, resources: { profile: this.profile.arn }, principals: props.sharePrincipals });
  }
}
