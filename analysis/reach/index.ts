/** The reachability engine's public API. */
export { reach, requestDelivered, DEFAULT_EPHEMERAL_PORTS } from './reach';
export { formatPath, describeResult } from './format-path';
export { EndpointError, defaultGroups } from './ends';
export { indexModel, type ModelIndex } from './model-index';
export * from './types';
