/** LZ-CVPN05: Client VPN endpoints run a connect handler named AWSClientVPN-*. */
import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/workload/cvpn-connect-handler';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const T = 'aws_ec2_client_vpn_endpoint';
const FN = 'aws_lambda_function';

describe('LZ-CVPN05 connect handler', () => {
  test('enabled with a function of this configuration named AWSClientVPN-*, or with a literal ARN, is compliant', () => {
    expect(
      findings(
        rule,
        resource('s', FN, 'handler', { function_name: 'AWSClientVPN-shop-prod' }),
        resource('s', T, 'a', { client_connect_options: { enabled: true, lambda_function_arn: ref(`s:${FN}.handler`, 'arn') } }),
        resource('s', T, 'b', { client_connect_options: [{ enabled: 'true', lambda_function_arn: 'arn:aws:lambda:ap-northeast-2:111122223333:function:AWSClientVPN-x' }] }),
      ),
    ).toEqual([]);
  });

  test('no options, disabled, no function, or a function the service will not invoke are findings', () => {
    expect(
      findings(
        rule,
        resource('s', FN, 'wrong', { function_name: 'vpn-handler' }),
        resource('s', T, 'a', {}),
        resource('s', T, 'b', { client_connect_options: { enabled: false, lambda_function_arn: 'arn:aws:lambda:ap-northeast-2:111122223333:function:AWSClientVPN-x' } }),
        resource('s', T, 'c', { client_connect_options: { enabled: true } }),
        resource('s', T, 'd', { client_connect_options: { enabled: true, lambda_function_arn: ref(`s:${FN}.wrong`, 'arn') } }),
      ),
    ).toEqual([
      { resource: `s:${T}.a`, message: "has no client_connect_options, so every certificate the CA signed connects, removed users' too: enable client_connect_options with a handler that admits only the current users" },
      { resource: `s:${T}.b`, message: "client_connect_options.enabled is false, so every certificate the CA signed connects, removed users' too: enable client_connect_options with a handler that admits only the current users" },
      { resource: `s:${T}.c`, message: 'client_connect_options names no lambda_function_arn' },
      { resource: `s:${T}.d`, message: 'client_connect_options names function vpn-handler, which does not start with AWSClientVPN-: Client VPN invokes only such functions' },
    ]);
  });

  test('an unknown flag or function cannot be proved', () => {
    expect(
      findings(
        rule,
        resource('s', T, 'a', { client_connect_options: { enabled: unknown('${var.on}') } }),
        resource('s', T, 'b', { client_connect_options: { enabled: true, lambda_function_arn: unknown('${var.fn}') } }),
      ),
    ).toEqual([
      { resource: `s:${T}.a`, message: 'cannot prove the endpoint checks every connection with a connect handler: ${var.on} is unknown before apply', unknown: true },
      { resource: `s:${T}.b`, message: 'cannot prove the endpoint checks every connection with a connect handler: ${var.fn} is unknown before apply', unknown: true },
    ]);
  });
});
