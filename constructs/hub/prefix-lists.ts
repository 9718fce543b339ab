/**
 * Customer-managed prefix lists in the hub account, shared with the organization through AWS RAM
 * (`ec2:PrefixList` is a RAM-shareable type; accounts of the organization reference a shared list in
 * their route tables and security group rules but cannot modify it).
 * https://docs.aws.amazon.com/vpc/latest/userguide/sharing-managed-prefix-lists.html
 * https://docs.aws.amazon.com/vpc/latest/userguide/work-with-shared-prefixes.html
 *
 * Entries are inline `entry` blocks, never `aws_ec2_managed_prefix_list_entry` resources: the provider
 * cannot mix the two, and inline entries are its recommendation above 100 entries.
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_managed_prefix_list
 *
 * In a plan: `entry` and `name` change in place (ModifyManagedPrefixList, a new list version; every
 * route and rule referencing the list follows it without being touched); `max_entries` changes in
 * place too since provider 3.57 (resize, https://github.com/hashicorp/terraform-provider-aws/issues/20738),
 * together with entries in one apply since 4.32 (https://github.com/hashicorp/terraform-provider-aws/pull/26845),
 * but AWS refuses a resize that would push a referencing route table or security group over its quota;
 * `address_family` replaces the list (and so every reference).
 */
import { Construct } from 'constructs';
import { Ec2ManagedPrefixList } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list';
import { ValidationError } from '../private/validation-error';
import { ResourceShare } from './resource-share';
import { QUOTAS } from '../../lib/aws/quotas';

/** Most entries one customer-managed prefix list holds (lib/aws/quotas.ts). */
const MAX_ENTRIES = QUOTAS.prefixListEntries.value;

/** One list: its key names the resource (`list-<key>`) and must stay stable. */
export interface PrefixListProps {
  /** Stable key, e.g. `internal`: part of the Terraform address (renaming it replaces the list and every reference). */
  readonly key: string;
  /** List name (updated in place). */
  readonly name: string;
  /** IPv4 CIDR blocks. */
  readonly entries: readonly string[];
  /** Maximum entries; every reference counts this many routes or rules against its quota (updated in place). */
  readonly maxEntries: number;
}

/** Props of {@link ManagedPrefixLists}. */
export interface ManagedPrefixListsProps {
  /** Name of the RAM share. */
  readonly shareName: string;
  readonly lists: readonly PrefixListProps[];
  /** RAM principals: the organization ARN, or OU ARNs and account ids. */
  readonly sharePrincipals: readonly string[];
}

/** Prefix lists by key, shared with the organization. */
export class ManagedPrefixLists extends Construct {
  /** The lists by key. */
  readonly lists: ReadonlyMap<string, Ec2ManagedPrefixList>;

  constructor(scope: Construct, id: string, props: ManagedPrefixListsProps) {
    super(scope, id);
    for (const l of props.lists) {
      if (l.maxEntries < Math.max(1, l.entries.length) || l.maxEntries > MAX_ENTRIES) throw new ValidationError(this, `list ${l.key}: max_entries ${l.maxEntries} must hold its ${l.entries.length} entries and be at most ${MAX_ENTRIES}`);
    }
    this.lists = new Map(
      props.lists.map((l) => [
        l.key,
        new Ec2ManagedPrefixList(this, `list-${l.key}`, {
          name: l.name,
          addressFamily: 'IPv4',
          maxEntries: l.maxEntries,
          entry: l.entries.map((cidr) => ({ cidr })),
          tags: { Name: l.name },
        }),
      ]),
    );
    new ResourceShare(this, 'share', { name: props.shareName, resources: Object.fromEntries([...this.lists].map(([key, list]) => [key, list.arn])), principals: props.sharePrincipals });
  }

  /** The id of the list `key`; throws for a list this construct does not hold. */
  id(key: string): string {
    const list = this.lists.get(key);
    if (!list) throw new ValidationError(this, `no prefix list "${key}" (have ${[...this.lists.keys()].join(', ')})`);
    return list.id;
  }
}
