/** Stack names, shared by the stacks and the cross-stack wiring. */

/** `<name>-hub` */
export { hubStackName } from './stack-list';
