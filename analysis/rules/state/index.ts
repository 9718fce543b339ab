/** The state half of the rule pack: what crosses workspace boundaries (secrets, state and output reads). */
import type { Rule } from '../types';
import { rule as secret01 } from './secret-containment';

/** Every state rule, in id order. */
export const STATE_RULES: readonly Rule[] = [secret01];
