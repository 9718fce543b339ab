/**
 * The topology diagram with hub.inspection (examples/inspected.yaml): the `inspection` route table,
 * the inspection VPC with its firewall endpoints and the edge to the Transit Gateway; none of it for
 * the default config. The generated Mermaid must still parse (scripts/check-mermaid.mjs).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../config/load';
import { topologyMermaid } from '../../report/diagram';
import { defaultLandingZone } from '../helpers/landing-zone';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');
const inspected = () => parseConfig(fs.readFileSync(path.join(ROOT, 'examples', 'inspected.yaml'), 'utf8'), 'inspected.yaml').landingZone;

describe('topology diagram: the inspection VPC', () => {
  test('examples/inspected.yaml: the inspection route table, the firewall node in its VPC and its edge to the Transit Gateway', () => {
    const text = topologyMermaid(inspected());
    for (const expected of [
      'n_tgw{{"Transit Gateway<br/>ASN 64512<br/>route tables: prod, nonprod, shared, sandbox, egress, inspection, onprem"}}',
      'subgraph n_inspectionvpc["inspection VPC 10.253.0.0/25"]',
      'n_firewall["AWS Network Firewall<br/>3 firewall endpoints, one per AZ · appliance mode on<br/>inspects east-west and egress<br/>opted out: sandbox"]',
      'n_tgw ---|"inspection"| n_firewall',
    ]) {
      expect(text).toContain(expected);
    }
    // Every edge end is a node the diagram defines.
    const defined = new Set([...text.matchAll(/^\s*(?:subgraph\s+)?(n_[A-Za-z0-9_]+)(?=[[({])/gm)].map((m) => m[1]));
    const ends = [...text.matchAll(/^\s*(n_[A-Za-z0-9_]+)\s+[-=.<>]+(?:\|"[^"]*"\|)?\s+(n_[A-Za-z0-9_]+)\s*$/gm)].flatMap((m) => [m[1], m[2]]);
    expect(ends.filter((id) => !defined.has(id))).toEqual([]);
  });

  test('the Mermaid of examples/inspected.yaml parses', () => {
    const file = path.join(tempDir('lz-inspection-diagram-'), 'diagram.mmd');
    fs.writeFileSync(file, topologyMermaid(inspected()));
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-mermaid.mjs'), file], { encoding: 'utf8' });
    expect(result.stdout).toMatch(/^ok 1 flowchart/);
    expect(result.status).toBe(0);
  });

  test('the default config (no hub.inspection) has no inspection table, VPC or firewall', () => {
    const text = topologyMermaid(defaultLandingZone());
    expect(text).toContain('route tables: prod, nonprod, shared, egress, onprem"}}');
    expect(text).not.toMatch(/inspection|n_firewall/);
  });
});
