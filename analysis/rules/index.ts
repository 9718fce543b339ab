/** The rule pack: every rule, in id order. */
import { NETWORK_RULES } from './network';
import { STATE_RULES } from './state';
import { WORKLOAD_RULES } from './workload';
import type { Rule } from './types';

/** All rules of the pack, sorted by id. */
export const RULES: readonly Rule[] = [...NETWORK_RULES, ...STATE_RULES, ...WORKLOAD_RULES].sort((a, b) => a.id.localeCompare(b.id));
