/** Stack names, shared by the stacks and the cross-stack wiring. */
import { LandingZone } from '../config/model';

/** `<name>-hub` */
export const hubStackName = (lz: LandingZone): string => `${lz.name}-hub`;
