/**
 * `lz vpn-profile`: a ready OpenVPN profile (.ovpn) for one Client VPN user. The endpoint's DNS name
 * comes from the spoke workspace's outputs; the CA, the user's certificate and, for a user whose key
 * the PKI workspace made, the user's private key come from the PKI workspace's **state**, read with
 * `terraform show -json` in that stack's directory. No workspace outputs a key (another workspace
 * could read an output), so only an operator who may read the PKI workspace's state can run this:
 * with the local backend, whoever can read its state file; with Terraform Cloud, a team with
 * "read state versions" on that workspace (docs/client-vpn.md). A user who brought a certificate
 * signing request gets a profile with the certificate and no key.
 *
 * `terraform show -json` prints sensitive values in plain text, which is the point here; its output
 * is parsed in memory and never written or printed.
 * https://developer.hashicorp.com/terraform/cli/commands/show
 * https://developer.hashicorp.com/terraform/internals/json-format#state-representation
 */
import { spawnSync } from 'node:child_process';
import { closeSync, fchmodSync, openSync, readFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { clientCertId, clientKeyId, renderOvpnProfile } from '../constructs/access/client-vpn-pki';
import { LandingZone, SpokeSpec, ClientVpnSpec } from '../config/model';
import { workspaceName } from '../stacks/backend';
import { spokeStackName, vpnPkiStackName } from '../lib/stack-names';
import { PKI_CONSTRUCT_ID } from '../stacks/vpn-pki-stack';
import { readStackJson, SynthOutputError } from '../lib/synth-output/reader';

/** `terraform output -json`: name -> { value, sensitive, type }. */
export type TerraformOutputs = Record<string, { readonly value: unknown; readonly sensitive?: boolean }>;

/** What one terraform run returned. */
export interface TerraformRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when terraform could not be started (not on PATH). */
  readonly error?: Error;
}

/** Runs terraform with these arguments; `lz` uses {@link runTerraform}, tests pass a fake. */
export type TerraformRunner = (args: readonly string[]) => TerraformRun;

/**
 * The real terraform on PATH. The buffer is large because a PKI state with hundreds of users runs to
 * megabytes (spawnSync's default is 1 MiB).
 */
export const runTerraform: TerraformRunner = (args) => {
  const r = spawnSync('terraform', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
};

/** Why a profile cannot be built, phrased for the person running the command. */
export class VpnProfileError extends Error {}

/** A resource in `terraform show -json` (state representation). */
interface StateResource {
  readonly address: string;
  readonly mode?: string;
  readonly type: string;
  readonly values?: Record<string, unknown>;
}

/** A module in `terraform show -json`. */
interface StateModule {
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly StateModule[];
}

/** `terraform show -json` of a state; `values` is absent while the state is empty. */
export interface TerraformShow {
  readonly values?: { readonly outputs?: TerraformOutputs; readonly root_module?: StateModule };
}

/** A synthesized cdk.tf.json, as far as finding resources by construct path (and the endpoint's tunnel mode) needs it. */
export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, { readonly '//'?: { readonly metadata?: { readonly path?: string } }; readonly split_tunnel?: unknown }>>;
}

/** A user of a spoke's Client VPN, found in the config. */
export interface VpnUser {
  readonly spoke: SpokeSpec;
  readonly vpn: ClientVpnSpec;
  readonly user: string;
  /** The user's certificate signing request, when they keep their key. */
  readonly csr?: ClientVpnSpec['csrs'][string];
}

/** The spoke and user named on the command line, or an error naming what the config has. */
export function findVpnUser(lz: LandingZone, spokeName: string, user: string): VpnUser {
  const spoke = lz.spokes.find((s) => s.name === spokeName);
  if (!spoke) throw new VpnProfileError(`spoke "${spokeName}" is not in the config (spokes: ${lz.spokes.map((s) => s.name).join(', ')})`);
  const vpn = spoke.clientVpn;
  if (!vpn) throw new VpnProfileError(`spoke "${spoke.name}" has no clientVpn`);
  if (!vpn.users.includes(user)) throw new VpnProfileError(`user "${user}" is not in spokes.${spoke.name}.clientVpn.users (${vpn.users.join(', ')})`);
  return { spoke, vpn, user, csr: vpn.csrs[user] };
}

/** What the PKI workspace holds for one user. */
export interface PkiUserMaterial {
  readonly caPem: string;
  readonly certPem: string;
  /** Absent for a user who brought a certificate signing request. */
  readonly keyPem?: string;
  /** When the certificate expires (RFC 3339), when the state says. */
  readonly expiry?: string;
}

/**
 * The Terraform address of the resource of `type` synthesized at `constructPath`, from the `//`
 * metadata cdktf writes beside every resource: addresses carry a hash of the path, so the path is the
 * stable way to find one.
 */
export function addressAt(stack: SynthesizedStack, type: string, constructPath: string): string | undefined {
  const byName = stack.resource?.[type] ?? {};
  const name = Object.keys(byName).find((n) => byName[n]['//']?.metadata?.path === constructPath);
  return name === undefined ? undefined : `${type}.${name}`;
}

function stateResources(show: TerraformShow): StateResource[] {
  const all: StateResource[] = [];
  const walk = (m: StateModule | undefined) => {
    if (!m) return;
    all.push(...(m.resources ?? []));
    (m.child_modules ?? []).forEach(walk);
  };
  walk(show.values?.root_module);
  return all;
}

/**
 * The user's CA, certificate and (when generated) key from the PKI workspace's state. The resources
 * are found by construct path in the synthesized stack, then by address in the state.
 */
export function pkiUserMaterial(lz: LandingZone, found: VpnUser, stack: SynthesizedStack, show: TerraformShow): PkiUserMaterial {
  const stackName = vpnPkiStackName(lz, found.spoke.name);
  const { user } = found;
  const resources = stateResources(show);
  const value = (type: string, id: string, attribute: string, what: string): string => {
    const constructPath = `${stackName}/${PKI_CONSTRUCT_ID}/${id}`;
    const address = addressAt(stack, type, constructPath);
    if (!address) throw new VpnProfileError(`the synthesized ${stackName} has no ${type} at ${constructPath} (${what}) — run lz synth with this config, then try again`);
    const resource = resources.find((r) => r.address === address && (r.mode ?? 'managed') === 'managed');
    if (!resource) throw new VpnProfileError(`the state of ${stackName} has no ${address} (${what}) — apply ${stackName} first (was "${user}" added or changed after its last apply?)`);
    const v = resource.values?.[attribute];
    if (typeof v !== 'string' || v === '') throw new VpnProfileError(`${address} in the state of ${stackName} has no ${attribute} — apply ${stackName} again`);
    return v;
  };
  const caPem = value('tls_self_signed_cert', 'ca-cert', 'cert_pem', 'the CA certificate');
  const certPem = value('tls_locally_signed_cert', clientCertId(user), 'cert_pem', `${user}'s certificate`);
  if (found.csr) {
    // The state's certificate must be the one signed from the request in the config, not an earlier
    // one (a generated key's, or an older request's) that an apply has yet to replace.
    const request = value('tls_locally_signed_cert', clientCertId(user), 'cert_request_pem', `${user}'s certificate request`);
    if (request.trim() !== found.csr.pem.trim()) throw new VpnProfileError(`${user}'s certificate in the state of ${stackName} was not signed from ${found.csr.file} — apply ${stackName} first`);
  }
  const keyPem = found.csr ? undefined : value('tls_private_key', clientKeyId(user), 'private_key_pem', `${user}'s private key`);
  const address = addressAt(stack, 'tls_locally_signed_cert', `${stackName}/${PKI_CONSTRUCT_ID}/${clientCertId(user)}`);
  const expiry = resources.find((r) => r.address === address)?.values?.validity_end_time;
  return { caPem, certPem, keyPem, expiry: typeof expiry === 'string' && expiry !== '' ? expiry : undefined };
}

/** The directory of a synthesized stack: where terraform runs for it. */
export const stackDir = (outdir: string, stack: string): string => path.join(outdir, 'stacks', stack);

/** Reads `<outdir>/stacks/<stack>/cdk.tf.json`. */
export function readSynthesizedStack(outdir: string, stack: string): SynthesizedStack {
  const file = path.join(stackDir(outdir, stack), 'cdk.tf.json');
  try {
    // The one reader of cdktf.out (lib/synth-output/reader.ts); only the wording is this command's.
    return readStackJson({ name: stack, file }) as SynthesizedStack;
  } catch (e) {
    if (!(e instanceof SynthOutputError)) throw e;
    if (e.problem === 'missing') throw new VpnProfileError(`${file} does not exist — run lz synth with this config first (and terraform init in ${stackDir(outdir, stack)})`);
    throw new VpnProfileError(`${e.message.replace(/ — run `lz synth` again$/, '')} — run lz synth with this config again`);
  }
}

/**
 * Whether the spoke's Client VPN endpoint, as synthesized, is split tunnel: the profile's comment says
 * what the endpoint does, and the endpoint (not the profile) decides which traffic enters the tunnel.
 * https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/split-tunnel-vpn.html
 */
export function splitTunnelOf(stack: SynthesizedStack, stackName: string): boolean {
  const endpoints = Object.values(stack.resource?.aws_ec2_client_vpn_endpoint ?? {});
  if (endpoints.length === 0) throw new VpnProfileError(`the synthesized ${stackName} has no Client VPN endpoint — run lz synth with this config, then try again`);
  return endpoints[0].split_tunnel === true;
}

/**
 * Everything terraform said on stderr (else the spawn error), without colours and without the box
 * drawing of its diagnostics: warnings come before the error, and the error's detail lines after
 * its summary are usually the part that says what to do, so none of it is dropped.
 */
export function terraformMessage(r: TerraformRun): string {
  const lines = (r.stderr || r.error?.message || '')
    // ANSI escape sequences (colours, cursor movement): https://en.wikipedia.org/wiki/ANSI_escape_code#CSI_(Control_Sequence_Introducer)_sequences
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .split('\n')
    // The corners of a diagnostic's box are decoration; its empty `│` lines separate paragraphs.
    .filter((l) => !/^\s*[╷╵]\s*$/.test(l))
    .map((l) => l.replace(/^[\s│╷╵]+/, '').trimEnd());
  const text = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return text === '' ? `terraform exited with ${r.status ?? 'no status'}` : text;
}

/** `what` failed: the first line says what to do, then terraform's whole message, indented. */
function terraformFailure(what: string, fix: string, r: TerraformRun): string {
  return `${what}${fix}; terraform said:\n${terraformMessage(r)
    .split('\n')
    .map((l) => (l === '' ? '' : `  ${l}`))
    .join('\n')}`;
}

/**
 * `terraform show -json` in the PKI stack's directory: its whole state, private keys included. Works
 * with the local backend and, after `terraform init`, with the Terraform Cloud backend for a token
 * that may read the workspace's state versions.
 */
export function readPkiState(lz: LandingZone, outdir: string, stack: string, terraform: TerraformRunner): TerraformShow {
  const dir = stackDir(outdir, stack);
  const r = terraform([`-chdir=${dir}`, 'show', '-json', '-no-color']);
  if (r.status !== 0) {
    const access = lz.terraformCloud
      ? `; your Terraform Cloud token needs read access to the state versions of workspace ${workspaceName(lz, stack)} (docs/client-vpn.md)`
      : '; you need read access to its state file';
    throw new VpnProfileError(terraformFailure(`terraform show failed for ${stack}`, ` — run terraform -chdir=${dir} init first${access}`, r));
  }
  try {
    return JSON.parse(r.stdout) as TerraformShow;
  } catch {
    throw new VpnProfileError(`terraform show -json for ${stack} did not print JSON — check the terraform on PATH (it printed ${JSON.stringify(r.stdout.slice(0, 60))})`);
  }
}

/** Outputs from a JSON file, or from `terraform output -json` in the stack's synthesized directory. */
export function readOutputs(file: string | undefined, outdir: string, stack: string, terraform: TerraformRunner): TerraformOutputs {
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new VpnProfileError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} — save it with terraform -chdir=${stackDir(outdir, stack)} output -json > ${file}`);
    }
    try {
      return JSON.parse(text) as TerraformOutputs;
    } catch (e) {
      throw new VpnProfileError(`${file} is not valid JSON (${(e as Error).message}) — save it with terraform -chdir=${stackDir(outdir, stack)} output -json > ${file}`);
    }
  }
  const r = terraform([`-chdir=${stackDir(outdir, stack)}`, 'output', '-json', '-no-color']);
  if (r.status !== 0) throw new VpnProfileError(terraformFailure(`terraform output failed for ${stack}`, ` — run terraform -chdir=${stackDir(outdir, stack)} init first`, r));
  try {
    return JSON.parse(r.stdout) as TerraformOutputs;
  } catch {
    throw new VpnProfileError(`terraform output -json for ${stack} did not print JSON — check the terraform on PATH`);
  }
}

function output(outputs: TerraformOutputs, name: string, workspace: string): string {
  const value = outputs[name]?.value;
  if (typeof value !== 'string' || value === '') throw new VpnProfileError(`output "${name}" is missing from the ${workspace} outputs — apply that workspace first`);
  return value;
}

/** The profile text for one user: the spoke's endpoint, and the PKI material (without a key for a user who keeps it). */
export function buildVpnProfile(lz: LandingZone, found: VpnUser, spokeOutputs: TerraformOutputs, pki: PkiUserMaterial, splitTunnel: boolean): string {
  return renderOvpnProfile({
    endpointDnsName: output(spokeOutputs, 'client_vpn_dns_name', spokeStackName(lz, found.spoke.name)),
    caPem: pki.caPem,
    certPem: pki.certPem,
    keyPem: pki.keyPem,
    protocol: found.vpn.transport,
    port: found.vpn.port,
    splitTunnel,
  });
}

/**
 * Writes the profile readable by its owner only. The descriptor gets mode 0600 before any byte is
 * written, so a file that existed with a wider mode never holds the key readable by others.
 */
export function writeProfile(file: string, text: string): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600); // open's mode applies only to a new file (and under the umask)
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
