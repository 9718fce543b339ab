/** Wording shared by the markdown and text renderings of a plan summary. */
import { PlanCounts, PlanSummary, ResourceChangeSummary } from './summary';

/** Column order and headings of the counts, as the renderings print them. */
export const COUNT_COLUMNS: readonly (readonly [keyof PlanCounts, string])[] = [
  ['create', 'create'],
  ['update', 'update'],
  ['replace', 'replace'],
  ['delete', 'delete'],
  ['move', 'move'],
  ['import', 'import'],
  ['forget', 'forget'],
  ['read', 'read'],
  ['noOp', 'no-op'],
];

/** Terraform's `action_reason` values in words (json-format "resource_changes" reference). */
const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the object is tainted',
  replace_by_request: 'replacement requested with -replace',
  replace_by_triggers: 'replace_triggered_by fired',
  delete_because_no_resource_config: 'removed from the configuration; renamed without a `moved` block?',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'count/for_each changed on the resource',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key is gone',
  delete_because_no_move_target: 'the target of its `moved` block does not exist',
};

/** Why Terraform plans this change, in words: the forcing attributes of a replacement, or its reason. */
export function reasonText(c: ResourceChangeSummary, code: (s: string) => string = (s) => s): string | undefined {
  const parts: string[] = [];
  if (c.replacePaths.length > 0) parts.push(`forced by ${c.replacePaths.map(code).join(', ')}`);
  else if (c.reason && c.reason !== 'replace_because_cannot_update') parts.push(REASONS[c.reason] ?? c.reason);
  if (c.previousAddress) parts.push(`moved from ${code(c.previousAddress)}`);
  if (c.deposed) parts.push(`deposed object ${c.deposed}, left by an earlier create_before_destroy`);
  if (c.action === 'forget') parts.push('removed from state only; the object stays in AWS');
  if (c.actions.join(',') === 'create,forget') parts.push('the old object stays in AWS, unmanaged');
  if (c.importing) parts.push('imported');
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Replacements, deletions and forgets outside the connectivity table, which a reviewer still wants to see. */
export function otherDestructiveChanges(s: PlanSummary): ResourceChangeSummary[] {
  const flagged = new Set(s.connectivityImpacts.map((c) => `${c.address} ${c.deposed ?? ''}`));
  return s.changes.filter((c) => (c.action === 'replace' || c.action === 'delete' || c.action === 'forget') && !flagged.has(`${c.address} ${c.deposed ?? ''}`));
}

/** Changes whose object only gets a new address. */
export function moves(s: PlanSummary): ResourceChangeSummary[] {
  return s.changes.filter((c) => c.previousAddress !== undefined);
}

/** The one-line verdict over every stack. */
export function verdict(summaries: readonly PlanSummary[], allowed: boolean): { ok: boolean; text: string } {
  const impacted = summaries.filter((s) => s.connectivityImpacts.length > 0);
  const total = impacted.reduce((n, s) => n + s.connectivityImpacts.length, 0);
  if (total === 0) return { ok: true, text: `no connectivity-impacting change in ${summaries.length} stack${summaries.length === 1 ? '' : 's'}` };
  const where = impacted.length === 1 ? impacted[0].stack : impacted.map((s) => `${s.stack} (${s.connectivityImpacts.length})`).join(', ');
  const what = `${total} connectivity-impacting change${total === 1 ? '' : 's'} in ${where}`;
  return allowed
    ? { ok: true, text: `${what}, allowed with --allow-connectivity-impact` }
    : { ok: false, text: `${what}: review them, then re-run with --allow-connectivity-impact if they are intended` };
}
