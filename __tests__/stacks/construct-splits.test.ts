/**
 * The constructors of SessionManagerAccess, ApplicationLoadBalancer and ClientVpnEndpoint are split
 * into builders that create their resources in the construct's own scope, so the split changes no
 * Terraform address. The addresses below were synthesized by the unsplit constructors (local Session
 * Manager endpoints are only in this fixture; the default config's are in addresses/default.txt).
 */
import * as path from 'node:path';
import { synthesize } from '../../cli/synth';
import { readSynthAddresses } from '../../scripts/addresses';
import { fixtureLandingZone } from '../helpers/landing-zone';
import { tempDir } from '../helpers/temp';

describe('constructor splits keep every address', () => {
  const synth = readSynthAddresses(synthesize(fixtureLandingZone('valid/generated-3-spokes.yaml'), path.join(tempDir('lz-splits-'), 'out')).outdir);

  test('SessionManagerAccess with local endpoints: keys, documents, endpoints and the endpoint rule', () => {
    expect(synth.lines).toEqual(
      expect.arrayContaining([
        'bench-spoke-s002-data aws_kms_key.session-manager_session-key_33DF7DD0',
        'bench-spoke-s002-data aws_kms_key.session-manager_log-group-key_FA90227C',
        'bench-spoke-s002-data aws_ssm_document.session-manager_session-preferences_0BB8FCBB',
        'bench-spoke-s002-data aws_iam_policy.session-manager_operator-policy_E684D4E3',
        'bench-spoke-s002-data aws_vpc_endpoint.session-manager_endpoint-ssm_3B346666',
        'bench-spoke-s002-data aws_vpc_endpoint.session-manager_endpoint-ssmmessages_5B1EF3F9',
        'bench-spoke-s002-data aws_vpc_endpoint.session-manager_endpoint-ec2messages_DAC0E4B3',
        'bench-spoke-s002-data aws_vpc_endpoint.session-manager_endpoint-kms_621AA6D7',
        'bench-spoke-s002-data aws_vpc_endpoint.session-manager_endpoint-logs_D6754A9D',
        'bench-spoke-s002-data aws_vpc_endpoint.session-manager_s3-gateway-endpoint_0BCFB426',
        'bench-spoke-s002-data aws_vpc_security_group_ingress_rule.session-manager_endpoint-https-from-vpc_A50827D2',
      ]),
    );
  });

  test('ApplicationLoadBalancer: access log bucket, target groups and listeners', () => {
    expect(synth.lines).toEqual(
      expect.arrayContaining([
        'bench-spoke-s001-web aws_s3_bucket.alb_access-log-bucket_EE861D44',
        'bench-spoke-s001-web aws_lb_target_group.alb_target-group-s001-webexamplecom_B2D67E2B',
        'bench-spoke-s001-web aws_lb_target_group.alb_target-group-apis001-webexamplecom_329821AA',
        'bench-spoke-s001-web aws_lb_listener.alb_https-listener_680E2C25',
        'bench-spoke-s001-web aws_lb_listener.alb_http-listener_502CF0C9',
      ]),
    );
  });

  test('no resource of the split constructs moved under a new child construct', () => {
    const nested = synth.lines.filter((l) => /\.(session-manager|alb|client-vpn)_(encryption|instance|preferences|logging|network|listeners|target-groups|access-logs)_/.test(l));
    expect(nested).toEqual([]);
  });
});
