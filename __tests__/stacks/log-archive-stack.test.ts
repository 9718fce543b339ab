/** The log-archive stack: log sources and Object Lock as the config states them, handed to LogArchiveBucket. */
import { Testing } from 'cdktf';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { loadWith, Mutation } from '../helpers/config';
import { Template } from '../helpers/template';

function archiveOf(mutate?: Mutation) {
  const stacks = buildLandingZone(Testing.app(), loadWith(mutate).landingZone);
  return { archive: stacks.logArchive.archive, t: Template.fromStack(stacks.logArchive) };
}

const BREAK_GLASS = 'arn:aws:iam::222222222222:role/log-archive-break-glass';

describe('LogArchiveStack', () => {
  test('log delivery is admitted for the hub and every spoke account, in bucket and key policy', () => {
    const { archive } = archiveOf();
    expect(archive.logSourceAccounts).toEqual(['111111111111', '333333333333', '444444444444']);
    const delivery = [...archive.bucketPolicyDocument.Statement, ...archive.keyPolicyDocument.Statement].filter((s) => s.Sid.startsWith('AllowLogDelivery'));
    expect(delivery.map((s) => s.Condition?.StringEquals?.['aws:SourceAccount'])).toEqual(Array(3).fill(['111111111111', '333333333333', '444444444444']));
  });

  test('a new spoke account joins the log sources (an in-place policy update of this workspace only)', () => {
    const { archive } = archiveOf((c) =>
      c.spokes.push({ ...c.spokes[1], name: 'shop-stage', account: '555555555555', vpc: { ...c.spokes[1].vpc, cidr: '172.21.0.0/16' } }),
    );
    expect(archive.logSourceAccounts).toEqual(['111111111111', '333333333333', '444444444444', '555555555555']);
  });

  test('logDelivery.scope organization: no account list reaches the construct or its policies, only the organization', () => {
    const { archive } = archiveOf((c) => (c.logArchive.logDelivery = { scope: 'organization' }));
    expect(archive.logDeliveryScope).toBe('organization');
    expect(archive.logSourceAccounts).toEqual([]);
    const delivery = [...archive.bucketPolicyDocument.Statement, ...archive.keyPolicyDocument.Statement].filter((s) => s.Sid.startsWith('AllowLogDelivery'));
    expect(delivery.map((s) => s.Condition?.StringEquals?.['aws:SourceOrgID'])).toEqual(Array(3).fill('o-a1b2c3d4e5'));
    expect(JSON.stringify([archive.bucketPolicyDocument, archive.keyPolicyDocument])).not.toMatch(/111111111111|333333333333|444444444444/);
  });

  test('logDelivery.scope organization: a new spoke account leaves the log-archive stack byte for byte unchanged', () => {
    const org = (c: Parameters<Mutation>[0]) => (c.logArchive.logDelivery = { scope: 'organization' });
    const synth = (mutate: Mutation) => Testing.synth(buildLandingZone(Testing.app(), loadWith(mutate).landingZone).logArchive);
    const before = synth(org);
    const after = synth((c) => {
      org(c);
      c.spokes.push({ ...c.spokes[1], name: 'shop-stage', account: '555555555555', vpc: { ...c.spokes[1].vpc, cidr: '172.21.0.0/16' } });
    });
    expect(after).toBe(before);
  });

  test('without objectLock: no Object Lock resource and no tamper denials', () => {
    const { archive, t } = archiveOf();
    expect(t.resources('aws_s3_bucket_object_lock_configuration')).toEqual([]);
    expect(archive.bucketPolicyDocument.Statement.filter((s) => s.Effect === 'Deny').map((s) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyDeleteBucket']);
  });

  test('objectLock: S3 mode spelling, and the deploy role is the workspace role so later applies can still change the policy', () => {
    const { archive, t } = archiveOf((c) => {
      c.logArchive.roleArn = 'arn:aws:iam::222222222222:role/NetworkDeploy';
      c.logArchive.objectLock = { mode: 'governance', days: 90, breakGlassRoleArn: BREAK_GLASS };
    });
    expect(t.resources('aws_s3_bucket_object_lock_configuration')[0].props.rule).toEqual({ default_retention: { mode: 'GOVERNANCE', days: 90 } });
    const denials = Object.fromEntries(archive.bucketPolicyDocument.Statement.filter((s) => s.Condition?.ArnNotEquals).map((s) => [s.Sid, s.Condition?.ArnNotEquals]));
    expect(denials).toEqual({
      DenyProtectionChanges: { 'aws:PrincipalArn': ['arn:aws:iam::222222222222:role/NetworkDeploy', BREAK_GLASS] },
      DenyLogDeletion: { 'aws:PrincipalArn': BREAK_GLASS },
    });
  });

  test('objectLock with the default deploy role exempts OrganizationAccountAccessRole of the archive account', () => {
    const { archive } = archiveOf((c) => (c.logArchive.objectLock = { mode: 'compliance', days: 400, breakGlassRoleArn: BREAK_GLASS, acknowledgeComplianceMode: true }));
    expect(archive.bucketPolicyDocument.Statement.find((s) => s.Sid === 'DenyProtectionChanges')?.Condition).toEqual({
      ArnNotEquals: { 'aws:PrincipalArn': ['arn:aws:iam::222222222222:role/OrganizationAccountAccessRole', BREAK_GLASS] },
    });
  });
});
