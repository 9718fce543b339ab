/**
 * `lz vpn-profile`: a ready OpenVPN profile (.ovpn) for one Client VPN user, built from the outputs of
 * the spoke workspace (endpoint DNS name) and its PKI workspace (CA, the user's certificate and key).
 * The file holds a private key: it is written with mode 0600 and never printed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { clientExpiryKey, renderOvpnProfile } from '../constructs/access/client-vpn-pki';
import { LandingZone } from '../config/model';
import { spokeStackName } from '../stacks/spoke-stack';
import { PKI_OUTPUTS, vpnPkiStackName } from '../stacks/vpn-pki-stack';

/** `terraform output -json`: name -> { value, sensitive, type }. */
export type TerraformOutputs = Record<string, { readonly value: unknown; readonly sensitive?: boolean }>;

/** Options of {@link buildVpnProfile}. */
export interface VpnProfileOptions {
  readonly spoke: string;
  readonly user: string;
  readonly spokeOutputs: TerraformOutputs;
  readonly pkiOutputs: TerraformOutputs;
}

/** Why a profile cannot be built, phrased for the person running the command. */
export class VpnProfileError extends Error {}

function output(outputs: TerraformOutputs, name: string, workspace: string): string {
  const value = outputs[name]?.value;
  if (typeof value !== 'string' || value === '') throw new VpnProfileError(`output "${name}" is missing from the ${workspace} outputs — apply that workspace first`);
  return value;
}

/** The profile text for one user of one spoke. */
export function buildVpnProfile(lz: LandingZone, options: VpnProfileOptions): string {
  const spoke = lz.spokes.find((s) => s.name === options.spoke);
  if (!spoke) throw new VpnProfileError(`spoke "${options.spoke}" is not in the config (spokes: ${lz.spokes.map((s) => s.name).join(', ')})`);
  if (!spoke.clientVpn) throw new VpnProfileError(`spoke "${spoke.name}" has no clientVpn`);
  if (!spoke.clientVpn.users.includes(options.user)) throw new VpnProfileError(`user "${options.user}" is not in spokes.${spoke.name}.clientVpn.users (${spoke.clientVpn.users.join(', ')})`);
  const spokeWs = spokeStackName(lz, spoke.name);
  const pkiWs = vpnPkiStackName(lz, spoke.name);
  return renderOvpnProfile({
    endpointDnsName: output(options.spokeOutputs, 'client_vpn_dns_name', spokeWs),
    caPem: output(options.pkiOutputs, PKI_OUTPUTS.caCertPem, pkiWs),
    certPem: output(options.pkiOutputs, PKI_OUTPUTS.clientCertPem(options.user), pkiWs),
    keyPem: output(options.pkiOutputs, PKI_OUTPUTS.clientKeyPem(options.user), pkiWs),
    protocol: spoke.clientVpn.transport,
    port: spoke.clientVpn.port,
  });
}

/**
 * When the user's client certificate expires, from the PKI workspace's `certificate_expiry` output
 * (RFC 3339), or undefined when the workspace predates that output.
 */
export function clientCertificateExpiry(pkiOutputs: TerraformOutputs, user: string): string | undefined {
  const value = pkiOutputs[PKI_OUTPUTS.certificateExpiry]?.value;
  if (typeof value !== 'object' || value === null) return undefined;
  const date = (value as Record<string, unknown>)[clientExpiryKey(user)];
  return typeof date === 'string' && date !== '' ? date : undefined;
}

/** Outputs from a JSON file, or from `terraform output -json` in the stack's synthesized directory. */
export function readOutputs(file: string | undefined, outdir: string, stack: string): TerraformOutputs {
  if (file) return JSON.parse(readFileSync(file, 'utf8')) as TerraformOutputs;
  const r = spawnSync('terraform', [`-chdir=${path.join(outdir, 'stacks', stack)}`, 'output', '-json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new VpnProfileError(`terraform output failed for ${stack}: ${(r.stderr || r.error?.message || '').trim().split('\n')[0]}`);
  return JSON.parse(r.stdout) as TerraformOutputs;
}

/** Writes the profile readable by its owner only. */
export function writeProfile(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its mode on write
}
