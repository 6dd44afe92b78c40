import { describe, expect, it } from '@jest/globals';
import { InputReader } from '@ecs-deploy/action-kit';
import { actionDir, inputEnvironment, loadActionMetadata } from '@ecs-deploy/runner-harness';
import { checkDeploymentId, readInputs } from '../src/inputs.js';

/** The environment the runner gives the step: `with:`, then every other declared input. */
function reader(inputs: Record<string, string>): InputReader {
  const metadata = loadActionMetadata(actionDir('wait-healthy'));
  return new InputReader(
    inputEnvironment(metadata, { cluster: 'demo', service: 'web', ...inputs }, {}),
  );
}

describe('checkDeploymentId', () => {
  it.each(['ecs-svc/4135006185409410497', 'ecs-svc/1'])('accepts %s', (value) => {
    expect(checkDeploymentId('deployment-id', value)).toBe(value);
  });

  it.each([
    'ecs-svc/',
    'ecs-svc/abc',
    '4135006185409410497',
    'arn:aws:ecs:eu-west-1:123456789012:service-deployment/demo/web/abc',
    ' ecs-svc/1',
    'ecs-svc/1\n',
  ])('refuses %j, naming the input and the id it wants', (value) => {
    expect(() => checkDeploymentId('deployment-id', value)).toThrow(
      /^Input 'deployment-id' is ".*".*ecs-svc\/4135006185409410497/s,
    );
  });
});

describe('readInputs', () => {
  it('reads cluster and service, and leaves the deployment to be found when neither id is given', () => {
    const parsed = readInputs(reader({}));
    expect(parsed).toMatchObject({ cluster: 'demo', service: 'web' });
    expect(parsed).not.toHaveProperty('deploymentId');
    expect(parsed).not.toHaveProperty('taskDefinitionArn');
    expect(parsed.wait).toMatchObject({
      timeoutMs: 900_000,
      stableForMs: 0,
      checkTargetHealth: 'auto',
      minIntervalMs: 1_000,
      maxIntervalMs: 5_000,
      waitForRollback: true,
      rollbackTimeoutMs: 600_000,
    });
    expect(parsed.wait.probe).toBeUndefined();
  });

  it.each([
    [{ 'deployment-id': 'ecs-svc/42' }, { deploymentId: 'ecs-svc/42' }],
    [
      { 'task-definition-arn': 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7' },
      { taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7' },
    ],
    [
      { 'deployment-id': 'ecs-svc/42', 'task-definition-arn': 'web:7' },
      { deploymentId: 'ecs-svc/42', taskDefinitionArn: 'web:7' },
    ],
  ])('reads %j', (inputs, expected) => {
    expect(readInputs(reader(inputs))).toMatchObject(expected);
  });

  it('reads the waiting inputs through the shared reader', () => {
    const parsed = readInputs(
      reader({
        timeout: '2m',
        'stable-for': '30s',
        'health-url': 'https://dev.example.com/api/health',
        'health-expect-status': '200, 204',
        'check-target-health': 'false',
        'wait-for-rollback': 'false',
        'rollback-timeout': '3m',
      }),
    );
    expect(parsed.wait).toMatchObject({
      waitForRollback: false,
      rollbackTimeoutMs: 180_000,
      timeoutMs: 120_000,
      stableForMs: 30_000,
      checkTargetHealth: 'false',
      probe: { url: 'https://dev.example.com/api/health', expectStatus: [200, 204] },
    });
  });

  it.each([
    [{ cluster: '' }, /^Input 'cluster' is required but empty/],
    [{ service: '' }, /^Input 'service' is required but empty/],
    [{ 'deployment-id': 'ecs-svc/abc' }, /^Input 'deployment-id' is "ecs-svc\/abc"/],
    [{ timeout: '0s' }, /^Input 'timeout' is zero/],
    [{ 'poll-min-interval': '100ms' }, /^Input 'poll-min-interval' is 100 ms/],
    [{ 'health-url': 'ftp://example.com' }, /^Input 'health-url' has the scheme ftp:/],
    [{ 'check-target-health': 'maybe' }, /^Input 'check-target-health'/],
    [{ 'wait-for-rollback': 'yes please' }, /^Input 'wait-for-rollback'/],
    [{ 'rollback-timeout': '0s' }, /^Input 'rollback-timeout' is zero/],
    [{ 'rollback-timeout': 'soon' }, /^Input 'rollback-timeout'/],
  ])('refuses %j', (inputs, why) => {
    expect(() => readInputs(reader(inputs))).toThrow(why);
  });

  it('checks the inputs in the order action.yml declares them', () => {
    expect(() => readInputs(reader({ service: '', 'deployment-id': 'x', timeout: '0s' }))).toThrow(
      /^Input 'service'/,
    );
    expect(() => readInputs(reader({ 'deployment-id': 'x', timeout: '0s' }))).toThrow(
      /^Input 'deployment-id'/,
    );
  });
});
