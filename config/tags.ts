/**
 * Tags: the ones the landing zone puts on every resource, how many it adds at most, and the rules AWS
 * applies to every tag. One home: the stacks build their provider `default_tags` with
 * {@link defaultTags}, and config/validate checks the config's tags against {@link TAG_RULES} and
 * {@link MAX_PROJECT_TAGS_PER_RESOURCE}.
 */
import { TAG_RULES } from '../lib/aws/tags';

// The rules AWS applies to every tag live in lib/aws/tags.ts; re-exported for config callers.
export { TAG_RULES } from '../lib/aws/tags';

/** Tag keys the landing zone sets through every provider's `default_tags`; a config tag of the same key would be overwritten. */
export const MANAGED_TAG_KEYS = ['LandingZone', 'Stack', 'ManagedBy'] as const;

/** One of {@link MANAGED_TAG_KEYS}. */
type ManagedTagKey = (typeof MANAGED_TAG_KEYS)[number];

/**
 * Most tags a construct sets on one resource besides the default tags: `Name` plus one descriptive tag
 * (`Tier`, `Segment`, `Service`, `Location` or `CustomerGatewayRoutes`). A test over a synth with every
 * feature proves no resource carries more.
 */
export const MAX_RESOURCE_TAGS = 2;

/** Most tags the landing zone itself adds to any one resource: the managed default tags and the resource's own. */
export const MAX_PROJECT_TAGS_PER_RESOURCE = MANAGED_TAG_KEYS.length + MAX_RESOURCE_TAGS;

/** Most tags the config's `tags` may hold, so that no resource exceeds AWS's 50. */
export const MAX_CONFIG_TAGS = TAG_RULES.maxTagsPerResource - MAX_PROJECT_TAGS_PER_RESOURCE;

/** The provider `default_tags` of a stack: the config's tags, then the managed ones (which win). */
export function defaultTags(lzName: string, tags: Readonly<Record<string, string>>, stackName: string): Record<string, string> {
  // Typed by MANAGED_TAG_KEYS: a key added here but not there (or the reverse) does not compile.
  const managed: Record<ManagedTagKey, string> = { LandingZone: lzName, Stack: stackName, ManagedBy: 'cdktf' };
  return { ...tags, ...managed };
}

/** Why a tag key breaks the AWS rules, as a message tail; undefined when it is fine. */
export function tagKeyProblem(key: string): string | undefined {
  const length = [...key].length;
  if (length === 0 || length > TAG_RULES.maxKeyLength) return `is ${length} characters long; a tag key has 1 to ${TAG_RULES.maxKeyLength}`;
  if (TAG_RULES.reservedPrefix.test(key)) return 'starts with "aws:", a prefix AWS reserves for its own tags';
  if (!TAG_RULES.characters.test(key)) return `contains ${disallowed(key)}, which AWS does not accept in tags (letters, digits, spaces and _ . : / = + - @ only)`;
  return undefined;
}

/** Why a tag value breaks the AWS rules, as a message tail; undefined when it is fine. */
export function tagValueProblem(value: string): string | undefined {
  const length = [...value].length;
  if (length > TAG_RULES.maxValueLength) return `is ${length} characters long; a tag value has at most ${TAG_RULES.maxValueLength}`;
  if (!TAG_RULES.characters.test(value)) return `contains ${disallowed(value)}, which AWS does not accept in tags (letters, digits, spaces and _ . : / = + - @ only)`;
  return undefined;
}

/** The characters of `text` outside the tag character set, quoted: `"," and "*"`. */
function disallowed(text: string): string {
  const bad = [...new Set([...text].filter((ch) => !TAG_RULES.characters.test(ch)))].map((ch) => (/[\p{Cc}\p{Cf}]/u.test(ch) ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : `"${ch}"`));
  return bad.length === 1 ? bad[0] : `${bad.slice(0, -1).join(', ')} and ${bad[bad.length - 1]}`;
}
