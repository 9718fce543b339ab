/** The allowed-prefix proof of `npm run verify` (verify/dx-prefix-change.ts) over the default hub. */
import { Testing } from 'cdktf';
import { BGP_AUTH_KEY_LENGTH } from '../../lib/aws/quotas';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { ADDED_PREFIX, MOCK_DX_ATTACHMENT_ID, preFixLookupShape, prefixChangeProofs, PREFIX_CHANGE_RUN, renderPrefixChange, unprovablePrefixChanges, withPrefixVariables } from '../../verify/dx-prefix-change';
import { PLACEHOLDER_SECRET, requiredVariables } from '../../verify/tftest';
import { defaultLandingZone, fixtureLandingZone } from '../helpers/landing-zone';
import { Template } from '../helpers/template';

const hub = Template.fromStack(buildLandingZone(Testing.app(), defaultLandingZone()).hub).json;
const ASSOCIATION = Object.keys(hub.resource.aws_dx_gateway_association)[0];
const LOOKUP = Object.keys(hub.data.aws_ec2_transit_gateway_dx_gateway_attachment)[0];

describe('prefixChangeProofs', () => {
  test('one proof for the association, with the lookup and every association and propagation keyed on it', () => {
    const [proof, ...rest] = prefixChangeProofs(hub);
    expect(rest).toEqual([]);
    expect(proof.association).toBe(ASSOCIATION);
    expect(proof.prefixes).toEqual(['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16']);
    expect(proof.lookups).toEqual([LOOKUP]);
    // onprem association + propagations into the three segments that reach on-premises.
    expect(proof.keyed.map((k) => k.address.split('.')[0]).sort()).toEqual([
      'aws_ec2_transit_gateway_route_table_association',
      'aws_ec2_transit_gateway_route_table_propagation',
      'aws_ec2_transit_gateway_route_table_propagation',
      'aws_ec2_transit_gateway_route_table_propagation',
    ]);
  });

  test('a stack without Direct Connect needs none', () => {
    const log = Template.fromStack(buildLandingZone(Testing.app(), defaultLandingZone()).logArchive).json;
    expect(prefixChangeProofs(log)).toEqual([]);
  });
});

describe('withPrefixVariables', () => {
  test('the association reads a variable whose default is the synthesized list; nothing else changes', () => {
    const proofs = prefixChangeProofs(hub);
    const copy = withPrefixVariables(hub, proofs);
    expect(copy.resource.aws_dx_gateway_association[ASSOCIATION].allowed_prefixes).toBe(`\${var.${proofs[0].variable}}`);
    expect(copy.variable[proofs[0].variable]).toEqual(expect.objectContaining({ type: 'list(string)', default: proofs[0].prefixes }));
    const { aws_dx_gateway_association: _a, ...others } = copy.resource;
    const { aws_dx_gateway_association: _b, ...original } = hub.resource;
    expect(others).toEqual(original);
    expect(hub.resource.aws_dx_gateway_association[ASSOCIATION].allowed_prefixes).toEqual(proofs[0].prefixes); // the input is not mutated
  });
});

describe('renderPrefixChange', () => {
  const text = renderPrefixChange(prefixChangeProofs(hub)).join('\n\n');

  test('overrides the lookup at plan time too and plans the added prefix against the mock apply', () => {
    expect(text).toContain(`target = data.aws_ec2_transit_gateway_dx_gateway_attachment.${LOOKUP}\n  values = { id = "${MOCK_DX_ATTACHMENT_ID}" }\n  override_during = plan`);
    expect(text).toContain(`run "${PREFIX_CHANGE_RUN}" {\n  command = plan`);
    expect(text).toContain(`["10.254.0.0/24","172.16.0.0/16","172.20.0.0/16","${ADDED_PREFIX}"]`);
  });

  test('asserts the change is planned, the lookup is known and every keyed resource keeps the id', () => {
    const conditions = [...text.matchAll(/condition\s+= (.*)/g)].map((m) => m[1]);
    expect(conditions).toHaveLength(6);
    expect(conditions[0]).toBe(`contains(aws_dx_gateway_association.${ASSOCIATION}.allowed_prefixes, "${ADDED_PREFIX}")`);
    expect(conditions[1]).toBe(`data.aws_ec2_transit_gateway_dx_gateway_attachment.${LOOKUP}.id == "${MOCK_DX_ATTACHMENT_ID}"`);
    for (const c of conditions.slice(2)) expect(c).toMatch(new RegExp(`^aws_ec2_transit_gateway_route_table_(association|propagation)\\.\\S+\\.transit_gateway_attachment_id == "${MOCK_DX_ATTACHMENT_ID}"$`));
  });

  test('nothing for a stack without Direct Connect', () => {
    expect(renderPrefixChange([])).toEqual([]);
  });
});

describe('preFixLookupShape (the negative control)', () => {
  test('points the lookup back at the association, as before the fix', () => {
    const broken = preFixLookupShape(hub)!;
    expect(broken.data.aws_ec2_transit_gateway_dx_gateway_attachment[LOOKUP]).toEqual(
      expect.objectContaining({ dx_gateway_id: `\${aws_dx_gateway_association.${ASSOCIATION}.dx_gateway_id}`, transit_gateway_id: `\${aws_dx_gateway_association.${ASSOCIATION}.associated_gateway_id}` }),
    );
    expect(hub.data.aws_ec2_transit_gateway_dx_gateway_attachment[LOOKUP].dx_gateway_id).toMatch(/^\$\{terraform_data\./);
  });
});

describe('requiredVariables', () => {
  test('the required BGP key gets a placeholder that passes its 6-80 character validation; nullable keys get none', () => {
    const vars = requiredVariables(hub);
    expect(vars).toEqual({ dx_bgp_auth_key_kinx_seoul_1: PLACEHOLDER_SECRET });
    expect(PLACEHOLDER_SECRET.length).toBeGreaterThanOrEqual(BGP_AUTH_KEY_LENGTH.min);
    expect(PLACEHOLDER_SECRET.length).toBeLessThanOrEqual(BGP_AUTH_KEY_LENGTH.max);
  });

  test('a hosted VIF has no key, so the fixture hub requires nothing', () => {
    const fixtureHub = Template.fromStack(buildLandingZone(Testing.app(), fixtureLandingZone('valid/per-az-and-isolated.yaml')).hub).json;
    expect(requiredVariables(fixtureHub)).toEqual({});
  });
});

describe('unprovablePrefixChanges', () => {
  test('nothing for the default hub: its one association has a literal list', () => {
    expect(unprovablePrefixChanges(hub)).toEqual([]);
  });

  test('an association whose prefixes are computed is a problem, not a silent skip', () => {
    const computed = JSON.parse(JSON.stringify(hub));
    computed.resource.aws_dx_gateway_association[ASSOCIATION].allowed_prefixes = '${var.prefixes}';
    expect(prefixChangeProofs(computed)).toEqual([]);
    expect(unprovablePrefixChanges(computed)).toEqual([`the allowed-prefix proof cannot run: allowed_prefixes of aws_dx_gateway_association.${ASSOCIATION} is not a literal list`]);
  });
});
