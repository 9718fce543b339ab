/**
 * Reply-blocked findings: queries of the intents whose request reached its destination while the
 * reply was dropped on the way back. The intent that asked already fails (a "must not reach" intent
 * because the request got in, a "must reach" intent because the reply did not come back); this
 * finding names the asymmetry itself, with the hop that let the request in and the component that
 * drops the reply, because it is a defect even where the isolation the other way holds.
 *
 * A transit gateway routes each direction by the route table associated with the attachment the
 * packet enters from, so a propagation or static route in one table without its counterpart in the
 * other delivers requests whose replies die.
 * https://docs.aws.amazon.com/prescriptive-guidance/latest/inline-traffic-inspection-third-party-appliances/transit-gateway-asymmetric-routing.html
 */
import type { Finding } from './findings';
import type { ResourceGraph } from './graph/types';
import { permittingHop } from './intents/outcome';
import type { IntentResult, ReplyBlocked } from './intents/types';
import { formatPath } from './reach/format-path';
import type { Rule } from './rules/types';

/** Rule id of the reply-blocked findings. */
export const REPLY_BLOCKED_RULE = 'LZ-REACH01';

/** Title of the reply-blocked findings. */
export const REPLY_BLOCKED_TITLE = 'Every delivered request gets its reply back (no one-way path)';

/**
 * The finding kind as a rule entry, so that suppressions treat it like any unsuppressible rule. It is
 * not in the rule pack (RULES): its findings come from the intents' reachability queries, not from
 * the resource graph. An error, not a warning: the request still delivers data one way (a UDP
 * datagram, a TCP SYN), and the connections the path was meant for hang until they time out.
 */
export const REPLY_BLOCKED: Rule = {
  id: REPLY_BLOCKED_RULE,
  title: REPLY_BLOCKED_TITLE,
  why: 'A request that arrives while its reply is dropped is a one-way path: it crosses an isolation boundary one way (a datagram or a SYN still gets in) and breaks the connections it was meant for, which hang until they time out.',
  level: 'error',
  suppressible: false,
  mappings: {},
  appliesTo: [],
  check: () => [],
};

/** Most flows named in one finding; the rest are counted. */
const MAX_FLOWS = 3;

/**
 * One finding per (component that drops the reply, hop that let the request in), naming the first
 * flow in full and counting the others, so that one wrong route gives one finding however many
 * spokes it touches.
 */
export function replyBlockedFindings(graph: ResourceGraph, intents: readonly IntentResult[]): Finding[] {
  const groups = new Map<string, { first: ReplyBlocked; flows: string[] }>();
  for (const intent of intents) {
    for (const observation of intent.replyBlocked ?? []) {
      const entry = permittingHop(observation.result.path) ?? '';
      const key = `${observation.result.blockedBy.component}\n${entry}`;
      const flow = `${intent.id} ${intent.subject}: ${observation.label}`;
      const group = groups.get(key);
      if (!group) groups.set(key, { first: { ...observation, label: flow }, flows: [flow] });
      else if (!group.flows.includes(flow)) group.flows.push(flow);
    }
  }
  return [...groups.values()].map(({ first, flows }) => {
    const { path, returnPath, blockedBy } = first.result;
    const entryId = permittingHop(path);
    const entry = entryId === undefined ? undefined : [...path].reverse().find((h) => h.id === entryId);
    const others = flows.slice(1);
    const more = others.length === 0 ? '' : `; also ${others.slice(0, MAX_FLOWS - 1).join('; ')}${others.length > MAX_FLOWS - 1 ? ` and ${others.length - (MAX_FLOWS - 1)} more` : ''}`;
    const message =
      `${first.label}: the request is delivered${entry ? ` (let in by ${entry.text}, ${entry.id})` : ''} but its reply is dropped: ${blockedBy.reason} ` +
      `(request: ${formatPath(path)}; reply: ${formatPath(returnPath)})${more}`;
    return {
      rule: REPLY_BLOCKED_RULE,
      title: REPLY_BLOCKED_TITLE,
      level: REPLY_BLOCKED.level,
      resource: blockedBy.component,
      path: graph.get(blockedBy.component)?.path ?? blockedBy.component,
      message,
      unknown: false,
    };
  });
}
