/** The intent pack's public API. */
export { evaluateIntents, INTENTS, type Intent } from './evaluate';
export type { IntentId, IntentResult, IntentStatus, ReplyBlocked } from './types';
