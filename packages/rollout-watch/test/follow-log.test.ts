import { describe, expect, it } from '@jest/globals';
import { Logger, SummaryWriter, type Runtime } from '@ecs-deploy/action-kit';
import type { EcsApi, ElbApi } from '@ecs-deploy/aws';
import type { Clock } from '@ecs-deploy/deployment';
import { groupTitle } from '../src/follow.js';
import { followDeployment, type PollingClients, type WaitInputs } from '../src/index.js';

describe('groupTitle', () => {
  it.each([
    [{ deploymentId: 'ecs-svc/42' }, 'Following demo/web: deployment ecs-svc/42'],
    [
      { deploymentId: 'ecs-svc/42', taskDefinitionArn: 'arn:td/web:3' },
      'Following demo/web: deployment ecs-svc/42',
    ],
    [{ taskDefinitionArn: 'arn:td/web:3' }, 'Following demo/web: the deployment of arn:td/web:3'],
    [{}, 'Following demo/web: the PRIMARY deployment'],
  ])('names %j', (which, title) => {
    expect(groupTitle({ cluster: 'demo', service: 'web', ...which })).toBe(title);
  });
});

describe('followDeployment', () => {
  it('folds the wait into one log group and prints the verdict after it', async () => {
    const at = new Date('2026-11-22T10:00:00Z');
    const ecs = {
      describeServices: () =>
        Promise.resolve({
          services: [
            {
              serviceName: 'web',
              status: 'ACTIVE',
              desiredCount: 1,
              runningCount: 1,
              taskDefinition: 'arn:td/web:3',
              events: [
                { id: 'e1', createdAt: at, message: '(service web) has reached a steady state.' },
              ],
              deployments: [
                {
                  id: 'ecs-svc/42',
                  status: 'PRIMARY',
                  rolloutState: 'COMPLETED',
                  taskDefinition: 'arn:td/web:3',
                  desiredCount: 1,
                  runningCount: 1,
                  pendingCount: 0,
                  failedTasks: 0,
                  createdAt: at,
                  updatedAt: at,
                },
              ],
            },
          ],
          failures: [],
          $metadata: {},
        }),
      listTasks: () => Promise.resolve({ taskArns: [], $metadata: {} }),
      describeTasks: () => Promise.resolve({ tasks: [], $metadata: {} }),
    } as unknown as EcsApi;
    const clients = { ecs, elb: {} as ElbApi } as PollingClients;
    const wait: WaitInputs = {
      timeoutMs: 60_000,
      stableForMs: 0,
      checkTargetHealth: 'false',
      minIntervalMs: 500,
      maxIntervalMs: 1_000,
    };
    let now = at.getTime();
    const clock: Clock = {
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    };
    const lines: string[] = [];
    const runtime: Runtime = {
      env: {},
      writeLine: (line) => lines.push(line),
      appendFile: () => undefined,
      randomId: () => 'id',
      setExitCode: () => undefined,
    };
    const log = new Logger(runtime);
    const result = await followDeployment(
      { clients, cluster: 'demo', service: 'web', deploymentId: 'ecs-svc/42', wait, clock },
      { log, summary: new SummaryWriter(runtime, log), signal: new AbortController().signal },
    );
    expect(result.outcome).toBe('healthy');
    expect(lines[0]).toBe('::group::Following demo/web: deployment ecs-svc/42');
    const end = lines.indexOf('::endgroup::');
    expect(end).toBeGreaterThan(0);
    expect(lines.slice(end + 1)).toEqual([result.message]);
    expect(lines.filter((line) => line.startsWith('::group::'))).toHaveLength(1);
  });
});
