/**
 * `cdktf.out/REPORT.md`: the network as a reviewer reads it — diagram, IP plan, routing, DNS,
 * access commands, analysis findings and costs — rendered from the resolved config and the
 * synthesized JSON. Pure: same input, same bytes (no clock, no machine paths), so two synths of the
 * same config write the same report.
 */
import { landingZoneStackList } from '../config/stack-list';
import { LandingZone } from '../config/model';
import { planLandingZone, VpcPlan } from '../config/ip-plan';
import { renderAccess } from './access';
import { CostEstimate, estimateCosts, renderCosts } from './costs';
import { renderDiagram } from './diagram';
import { renderDns } from './dns';
import { AnalysisSummary, openErrors, renderFindings } from './findings';
import { renderIpPlan } from './ip-plan';
import { renderAddressPools } from './address-pools';
import { perimeterData, renderPerimeter } from './perimeter';
import { code, count, plural, table, usd } from './markdown';
import { PriceBook } from './prices';
import { directConnectPrefixes, renderRouting, transitGatewayRouteTables, vpcRouteTables } from './routing';
import { resourceCount, SynthesizedApp } from './synthesized';

/** Everything the report is rendered from. */
export interface ReportInput {
  readonly landingZone: LandingZone;
  readonly synthesized: SynthesizedApp;
  /** The config file's name as the user gave it (no directory), e.g. `landing-zone.yaml`. */
  readonly configName: string;
  /** The Region's unit prices; undefined prints "no price data". */
  readonly prices?: PriceBook;
  /** The `lz check` result; undefined prints "analysis not run". */
  readonly analysis?: AnalysisSummary;
}

/** Section titles in order, with their anchors (GitHub's slugs of the `##` headings). */
export const REPORT_SECTIONS = [
  ['Overview', 'overview'],
  ['Diagram', 'diagram'],
  ['IP plan', 'ip-plan'],
  ['Address pools', 'address-pools'],
  ['Routing', 'routing'],
  ['DNS', 'dns'],
  ['Access', 'access'],
  ['Findings', 'findings'],
  ['Inspection and perimeter', 'inspection-and-perimeter'],
  ['Costs', 'costs'],
] as const;

function stackRole(lz: LandingZone, name: string): string {
  const kind = landingZoneStackList(lz).find((e) => e.name === name)?.kind;
  if (kind === 'hub') return `Transit Gateway, egress, ${lz.hub.inspection ? 'inspection (Network Firewall), ' : ''}shared endpoints, DNS, hybrid`;
  if (kind === 'log-archive') return 'organization log bucket and key';
  if (kind === 'vpn-pki') return 'Client VPN certificates (holds private keys)';
  return 'application VPC, attachment, access';
}

function renderOverview(input: ReportInput, totalUsd: number | undefined): string {
  const { landingZone: lz, synthesized: app, analysis } = input;
  // Accounts from the app's own stack list (config/stack-list.ts), not from matching name prefixes.
  const accounts = new Map(landingZoneStackList(lz).map((e) => [e.name, e.account]));
  const accountOf = (stack: string) => accounts.get(stack) ?? '?';
  const tgwTables = transitGatewayRouteTables(lz, app);
  const vpcs = planLandingZone(lz).length;
  const facts = [
    `${plural(lz.spokes.length, 'spoke')} and ${plural(vpcs, 'VPC')} in ${code(lz.region)}`,
    `${plural(tgwTables.length, 'Transit Gateway route table')} with ${plural(tgwTables.reduce((n, t) => n + t.routes.length, 0), 'route')}`,
    ...(lz.hub.endpoints ? [`${plural(lz.hub.endpoints.services.length, 'shared interface endpoint')}`] : []),
    analysis ? `analysis: ${plural(openErrors(analysis).length, 'open error')}` : 'analysis not run',
    totalUsd !== undefined ? `about **${usd(totalUsd)} a month** in fixed charges` : 'no price data',
  ];
  return [
    '## Overview',
    '',
    `${facts.join(' · ')}.`,
    '',
    table(
      ['workspace', 'account', 'holds', 'resources', 'apply after'],
      app.stacks.map((s) => [code(s.name), accountOf(s.name), stackRole(lz, s.name), count(resourceCount(s)), s.dependencies.map(code).join(', ') || '—']),
      ['left', 'left', 'left', 'right', 'left'],
    ),
  ].join('\n');
}

/** Account ids made of one repeated digit (111111111111) are the examples of the default config. */
function placeholderWarning(lz: LandingZone): string[] {
  const accounts = [...new Set([lz.hub.account, lz.logArchive.account, ...lz.spokes.map((s) => s.account)])].filter((a) => /^(\d)\1{11}$/.test(a));
  return accounts.length > 0 ? [`> **Placeholder account ids** (${accounts.map(code).join(', ')}): replace them in the config before deploying.`, ''] : [];
}

/** Renders the whole report as GitHub-flavoured Markdown; `estimate` when the caller already has the input's {@link estimateCosts}. */
export function renderReport(input: ReportInput, estimate: CostEstimate = estimateCosts(input.landingZone, input.synthesized, input.prices)): string {
  const { landingZone: lz, synthesized: app } = input;
  const sections = [
    `# Network report: ${lz.name}`,
    '',
    `Generated from ${code(input.configName)} by \`npm run synth\` / \`lz report\`; it is rewritten on every synth, so edit the config, not this file.`,
    '',
    ...placeholderWarning(lz),
    REPORT_SECTIONS.map(([title, anchor]) => `[${title}](#${anchor})`).join(' · '),
    '',
    renderOverview(input, estimate.totalUsd),
    renderDiagram(lz, app),
    renderIpPlan(lz),
    renderAddressPools(lz),
    renderRouting(lz, app),
    renderDns(lz, app),
    renderAccess(lz, app),
    renderFindings(input.analysis),
    renderPerimeter(perimeterData(lz, app, input.prices), input.prices),
    renderCosts(estimate),
  ];
  return `${sections.join('\n\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** The report's figures as data (`lz report --json`): what the Markdown shows, for scripts. */
export interface ReportData {
  readonly name: string;
  readonly region: string;
  readonly config: string;
  readonly ipPlan: readonly VpcPlan[];
  readonly transitGatewayRouteTables: ReturnType<typeof transitGatewayRouteTables>;
  readonly vpcRouteTables: ReturnType<typeof vpcRouteTables>;
  readonly directConnect: ReturnType<typeof directConnectPrefixes> | null;
  readonly costs: Omit<CostEstimate, 'prices'> & { readonly priceDate: string | null };
  readonly analysis: AnalysisSummary | null;
}

/** The figures behind {@link renderReport}. */
export function reportData(input: ReportInput): ReportData {
  const { landingZone: lz, synthesized: app } = input;
  const { prices, ...costs } = estimateCosts(lz, app, input.prices);
  return {
    name: lz.name,
    region: lz.region,
    config: input.configName,
    ipPlan: planLandingZone(lz),
    transitGatewayRouteTables: transitGatewayRouteTables(lz, app),
    vpcRouteTables: vpcRouteTables(app),
    directConnect: directConnectPrefixes(lz) ?? null,
    costs: { ...costs, priceDate: prices?.date ?? null },
    analysis: input.analysis ?? null,
  };
}
