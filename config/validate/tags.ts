/**
 * Tag rules AWS enforces on every resource the landing zone creates: key and value characters and
 * lengths, the reserved `aws:` prefix, and at most 50 tags per resource counting the ones the landing
 * zone adds itself. The config's `tags` reach every resource through the provider `default_tags`, and
 * a few config values become tag values of their own (a VIF's `location`).
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html
 */
import { ConfigIssue } from '../issues';
import { MANAGED_TAG_KEYS, MAX_CONFIG_TAGS, MAX_PROJECT_TAGS_PER_RESOURCE, TAG_RULES, tagKeyProblem, tagValueProblem } from '../tags';
import { Rule } from './context';

const FIX_CHARACTERS = 'use letters, digits, spaces and _ . : / = + - @ only';

/** Each config tag has a valid key and value, none is a managed key, and with the landing zone's own tags no resource exceeds 50. */
export const tagKeysAndValues: Rule = ({ config }) => {
  const issues: ConfigIssue[] = [];
  const managed: readonly string[] = MANAGED_TAG_KEYS;
  for (const [key, value] of Object.entries(config.tags)) {
    const at = ['tags', key];
    const keyProblem = tagKeyProblem(key);
    if (keyProblem) {
      issues.push({ path: at, value: key, message: keyProblem, fix: TAG_RULES.reservedPrefix.test(key) ? 'drop the "aws:" prefix (e.g. team instead of aws:team)' : FIX_CHARACTERS });
    } else if (managed.includes(key)) {
      issues.push({ path: at, value: key, message: `is a tag the landing zone sets on every resource (${MANAGED_TAG_KEYS.join(', ')}); this value would be overwritten`, fix: 'remove it, or use another key' });
    }
    const valueProblem = tagValueProblem(value);
    if (valueProblem) issues.push({ path: at, value, message: valueProblem, fix: FIX_CHARACTERS });
    else if (TAG_RULES.reservedPrefix.test(value)) {
      issues.push({ path: at, value, severity: 'warning', message: 'starts with "aws:", a prefix AWS asks not to use in tag values either', fix: 'drop the "aws:" prefix' });
    }
  }
  const count = Object.keys(config.tags).length;
  if (count > MAX_CONFIG_TAGS) {
    issues.push({
      path: ['tags'],
      value: `${count} tags`,
      message: `with the up to ${MAX_PROJECT_TAGS_PER_RESOURCE} tags the landing zone adds itself (${MANAGED_TAG_KEYS.join(', ')}, Name and one more) exceed the ${TAG_RULES.maxTagsPerResource} tags AWS allows per resource`,
      fix: `keep at most ${MAX_CONFIG_TAGS} tags`,
    });
  }
  return issues;
};

/** Config values the landing zone writes into tags follow the tag rules too: a VIF's `location` becomes its `Location` tag. */
export const derivedTagValues: Rule = ({ config }) =>
  (config.hub.directConnect?.virtualInterfaces ?? []).flatMap((v, i) => {
    const problem = v.location === undefined ? undefined : tagValueProblem(v.location);
    return problem ? [{ path: ['hub', 'directConnect', 'virtualInterfaces', i, 'location'], value: v.location, message: `becomes the VIF's Location tag, and ${problem.replace(/^is /, 'it is ').replace(/^contains /, 'it contains ')}`, fix: `${FIX_CHARACTERS} (e.g. "KINX Seoul")` }] : [];
  });
