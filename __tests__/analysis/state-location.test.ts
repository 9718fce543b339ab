/**
 * Which stack a remote read names (lib/synth-output/state-location.ts), and what the loader records of
 * it per stack: `tfe_outputs` matched by organization, workspace and host to the stack whose `cloud`
 * backend writes that workspace; local remote states by file; declared variables and local values.
 */
import { graphFromJson } from '../../analysis/graph/load';
import { DEFAULT_TFC_HOSTNAME, StateLocations, type StateOwner } from '../../lib/synth-output/state-location';

const cloud = (name: string, organization = 'acme', hostname?: string): StateOwner => ({
  name,
  workingDirectory: `stacks/${name}`,
  terraform: { cloud: { organization, ...(hostname ? { hostname } : {}), workspaces: { name: `lz-${name}`, project: 'network' } } },
});
const local = (name: string): StateOwner => ({ name, workingDirectory: `stacks/${name}`, terraform: { backend: { local: { path: `terraform.${name}.tfstate` } } } });

describe('StateLocations.matchTfeOutputs', () => {
  const locations = new StateLocations([cloud('archive'), cloud('hub'), cloud('other', 'elsewhere'), cloud('tfe', 'acme', 'tfe.example.com'), local('spoke')]);

  test('matches organization and workspace to the stack whose cloud block writes it, on the default host', () => {
    expect(DEFAULT_TFC_HOSTNAME).toBe('app.terraform.io');
    expect(locations.matchTfeOutputs({ organization: 'acme', workspace: 'lz-archive' }, { hostname: 'app.terraform.io' })).toEqual({ stack: 'archive' });
    expect(locations.matchTfeOutputs({ organization: 'acme', workspace: 'lz-hub' })).toEqual({ stack: 'hub' });
  });

  test('takes the organization from the tfe provider when the data source names none', () => {
    expect(locations.matchTfeOutputs({ workspace: 'lz-archive' }, { organization: 'acme' })).toEqual({ stack: 'archive' });
    expect(locations.matchTfeOutputs({ workspace: 'lz-other' }, { organization: 'elsewhere' })).toEqual({ stack: 'other' });
  });

  test('a host other than the one the workspace is written on does not match, and says so', () => {
    expect(locations.matchTfeOutputs({ organization: 'acme', workspace: 'lz-tfe' }, { hostname: 'tfe.example.com' })).toEqual({ stack: 'tfe' });
    expect(locations.matchTfeOutputs({ organization: 'acme', workspace: 'lz-tfe' })).toEqual({ reason: 'it reads workspace lz-tfe of acme on app.terraform.io, but tfe writes it on tfe.example.com' });
    expect(locations.matchTfeOutputs({ organization: 'acme', workspace: 'lz-archive' }, { hostname: 'tfe.example.com' })).toEqual({ reason: 'it reads workspace lz-archive of acme on tfe.example.com, but archive writes it on app.terraform.io' });
  });

  test('another organization, an unknown workspace, no organization or a computed name match nothing, with the reason', () => {
    expect(locations.matchTfeOutputs({ organization: 'acme', workspace: 'lz-other' })).toEqual({ reason: 'it reads workspace lz-other of acme, which no stack writes' });
    expect(locations.matchTfeOutputs({ organization: 'acme', workspace: 'lz-gone' }, { hostname: 'tfe.example.com' })).toEqual({ reason: 'it reads workspace lz-gone of acme on tfe.example.com, which no stack writes' });
    expect(locations.matchTfeOutputs({ workspace: 'lz-archive' })).toEqual({ reason: "it reads workspace lz-archive but names no organization (neither its own nor its tfe provider's)" });
    expect(locations.matchTfeOutputs({ organization: 'acme', workspace: '${var.ws}' })).toEqual({ reason: 'it names no workspace as a literal string' });
    // A local-state stack writes no workspace.
    expect(locations.matchTfeOutputs({ organization: 'acme', workspace: 'lz-spoke' })).toEqual({ reason: 'it reads workspace lz-spoke of acme, which no stack writes' });
  });

  test('two stacks writing the same workspace are ambiguous', () => {
    const twice = new StateLocations([cloud('a'), { ...cloud('b'), terraform: { cloud: { organization: 'acme', workspaces: { name: 'lz-a' } } } }]);
    expect(twice.matchTfeOutputs({ organization: 'acme', workspace: 'lz-a' })).toEqual({ reason: 'workspace lz-a is written by a and b' });
  });
});

describe('graphFromJson: what each stack declares and reads', () => {
  const archive = { name: 'archive', json: { terraform: { cloud: { organization: 'acme', workspaces: { name: 'lz-archive' } } }, output: { arn: { value: 'arn:aws:s3:::logs' } } } };
  const reader = {
    name: 'spoke',
    json: {
      terraform: { cloud: { organization: 'acme', workspaces: { name: 'lz-spoke' } } },
      provider: { tfe: [{ organization: 'acme' }, { alias: 'tfe2', organization: 'acme', hostname: 'tfe.example.com' }] },
      variable: { key: { type: 'string', sensitive: true }, region: { type: 'string' } },
      locals: { arn: '${data.tfe_outputs.archive.nonsensitive_values.arn}', key: '${var.key}' },
      data: {
        tfe_outputs: { archive: { provider: 'tfe', workspace: 'lz-archive' }, aliased: { provider: 'tfe.tfe2', workspace: 'lz-archive' } },
        terraform_remote_state: { legacy: { backend: 'local', config: { path: '../nowhere/terraform.tfstate' } } },
      },
    },
  };

  test('records variables with their sensitive flag, resolved locals, and each read with its stack or reason', () => {
    const g = graphFromJson([archive, reader]);
    const spoke = g.stacks.find((s) => s.name === 'spoke')!;
    expect(spoke.variables).toEqual({ key: { sensitive: true }, region: { sensitive: false } });
    expect(spoke.locals?.arn).toBe('arn:aws:s3:::logs');
    expect(spoke.locals?.key).toMatchObject({ $unknown: '${var.key}', kind: 'variable' });
    expect(spoke.reads).toEqual([
      { source: 'spoke:data.terraform_remote_state.legacy', reason: 'it reads the local state file ../nowhere/terraform.tfstate, which no stack writes' },
      { source: 'spoke:data.tfe_outputs.archive', stack: 'archive' },
      { source: 'spoke:data.tfe_outputs.aliased', reason: 'it reads workspace lz-archive of acme on tfe.example.com, but archive writes it on app.terraform.io' },
    ]);
    expect(g.stacks.find((s) => s.name === 'archive')).toMatchObject({ variables: {}, locals: {}, reads: [] });
  });
});
