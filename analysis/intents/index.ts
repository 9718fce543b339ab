/** The intent pack's public API. */
export { evaluateIntents, INTENTS } from './evaluate';
