import { describe, expect, it } from '@jest/globals';
import { controllerProblem, controllerType, initialState, step } from '../src/index.js';
import { NEW, T0, baseService } from './fixtures/build.js';

describe('the deployment controller', () => {
  it.each([
    [{}, 'ECS', false],
    [{ deploymentController: {} }, 'ECS', false],
    [{ deploymentController: { type: 'ECS' } }, 'ECS', false],
    [{ deploymentController: { type: 'CODE_DEPLOY' } }, 'CODE_DEPLOY', true],
    [{ deploymentController: { type: 'EXTERNAL' } }, 'EXTERNAL', true],
  ])('%j → %s', (service, type, refused) => {
    expect(controllerType(service)).toBe(type);
    expect(controllerProblem({ serviceName: 'api', ...service }, 'x') !== undefined).toBe(refused);
  });

  it.each([
    ['CODE_DEPLOY', /AWS CodeDeploy/],
    ['EXTERNAL', /CreateTaskSet/],
    ['SOMETHING_NEW', /set its deploymentController to ECS/],
  ])('names the service, the controller and what to use instead: %s', (type, fix) => {
    const problem = controllerProblem(
      { serviceName: 'api', deploymentController: { type } },
      'ecs-rolling-deploy',
    );
    expect(problem?.message).toBe(
      `Service 'api' has the deployment controller ${type}, so ECS does not run its deployments, and ecs-rolling-deploy works only with ECS-controlled services.`,
    );
    expect(problem?.fix).toMatch(fix);
  });

  it('the follower fails at its first observation of a service ECS does not deploy', () => {
    const service = { ...baseService(), deploymentController: { type: 'CODE_DEPLOY' } };
    const result = step(
      initialState(T0),
      { at: T0, service },
      { deploymentId: NEW, timeout: 60_000 },
    );
    expect(result.verdict).toMatchObject({ kind: 'failed', cause: 'unsupported-controller' });
    expect(result.verdict.kind === 'failed' && result.verdict.message).toMatch(
      /deployment controller CODE_DEPLOY.*following a deployment works only with ECS-controlled services/,
    );
  });
});
