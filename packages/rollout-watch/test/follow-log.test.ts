import { describe, expect, it } from '@jest/globals';
import { Logger, SummaryWriter, type Runtime } from '@ecs-deploy/action-kit';
import type { EcsApi, ElbApi, LogsApi } from '@ecs-deploy/aws';
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
    // A healthy wait never touches CloudWatch Logs (nor loads its client).
    const logsIn = (): never => {
      throw new Error('CloudWatch Logs used on a healthy wait');
    };
    const clients = {
      ecs,
      elb: {} as ElbApi,
      region: 'us-east-1',
      logsIn,
    } as unknown as PollingClients;
    const wait: WaitInputs = {
      timeoutMs: 60_000,
      stableForMs: 0,
      checkTargetHealth: 'false',
      minIntervalMs: 500,
      maxIntervalMs: 1_000,
      logLines: 20,
      waitForRollback: false,
      rollbackTimeoutMs: 600_000,
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

  it('after a failure, prints the last log lines of a stopped task between the group and the verdict', async () => {
    const at = new Date('2026-11-22T10:00:00Z');
    const td = 'arn:aws:ecs:us-east-1:1:task-definition/web:3';
    const calls: string[] = [];
    const ecs = {
      describeServices: () =>
        Promise.resolve({
          services: [
            {
              serviceName: 'web',
              status: 'ACTIVE',
              desiredCount: 1,
              runningCount: 0,
              taskDefinition: td,
              events: [],
              deploymentConfiguration: {
                deploymentCircuitBreaker: { enable: true, rollback: false },
              },
              deployments: [
                {
                  id: 'ecs-svc/42',
                  status: 'PRIMARY',
                  rolloutState: 'FAILED',
                  rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
                  taskDefinition: td,
                  desiredCount: 1,
                  runningCount: 0,
                  pendingCount: 0,
                  failedTasks: 3,
                  createdAt: at,
                  updatedAt: at,
                },
              ],
            },
          ],
          failures: [],
          $metadata: {},
        }),
      listTasks: () =>
        Promise.resolve({ taskArns: ['arn:aws:ecs:us-east-1:1:task/demo/abc123'], $metadata: {} }),
      describeTasks: () =>
        Promise.resolve({
          tasks: [
            {
              taskArn: 'arn:aws:ecs:us-east-1:1:task/demo/abc123',
              taskDefinitionArn: td,
              startedBy: 'ecs-svc/42',
              lastStatus: 'STOPPED',
              stopCode: 'EssentialContainerExited',
              stoppedReason: 'Essential container in task exited',
              stoppedAt: at,
              containers: [{ name: 'app', exitCode: 1 }],
            },
          ],
          $metadata: {},
        }),
      describeTaskDefinition: () => {
        calls.push('ecs:DescribeTaskDefinition');
        return Promise.resolve({
          taskDefinition: {
            containerDefinitions: [
              {
                name: 'app',
                logConfiguration: {
                  logDriver: 'awslogs',
                  options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'web' },
                },
              },
            ],
          },
          $metadata: {},
        });
      },
    } as unknown as EcsApi;
    const logsIn = (region: string): Pick<LogsApi, 'getLogEvents'> => ({
      getLogEvents: (input) => {
        calls.push(`logs:GetLogEvents ${region} ${input.logStreamName ?? ''} ${input.limit ?? ''}`);
        return Promise.resolve({ events: [{ message: 'ValueError: boom' }], $metadata: {} });
      },
    });
    const clients = { ecs, elb: {} as ElbApi, region: 'us-east-1', logsIn } as PollingClients;
    const wait: WaitInputs = {
      timeoutMs: 60_000,
      stableForMs: 0,
      checkTargetHealth: 'false',
      minIntervalMs: 500,
      maxIntervalMs: 1_000,
      logLines: 7,
      waitForRollback: false,
      rollbackTimeoutMs: 600_000,
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
    const summary: string[] = [];
    const runtime: Runtime = {
      env: { GITHUB_STEP_SUMMARY: '/summary' },
      writeLine: (line) => lines.push(line),
      appendFile: (_path, text) => summary.push(text),
      randomId: () => 'tok',
      setExitCode: () => undefined,
    };
    const log = new Logger(runtime);
    const writer = new SummaryWriter(runtime, log);
    const result = await followDeployment(
      { clients, cluster: 'demo', service: 'web', deploymentId: 'ecs-svc/42', wait, clock },
      { log, summary: writer, signal: new AbortController().signal },
    );
    expect(result.outcome).toBe('failed');
    expect(calls).toEqual([
      'ecs:DescribeTaskDefinition',
      'logs:GetLogEvents us-east-1 web/app/abc123 7',
    ]);
    const end = lines.indexOf('::endgroup::');
    expect(lines.slice(end + 1)).toEqual([
      '::group::task abc123 (web:3) stopped: Essential container in task exited (app: exit code 1) — last log lines',
      '::stop-commands::tok',
      'app in task abc123, last 1 line (/ecs/web web/app/abc123):',
      'ValueError: boom',
      expect.stringMatching(
        /^\(https:\/\/us-east-1\.console\.aws\.amazon\.com\//,
      ) as unknown as string,
      '::tok::',
      '::endgroup::',
      result.message,
    ]);
    expect(result.reasons.stoppedTasks[0]?.logLines?.[0]?.lines).toEqual(['ValueError: boom']);
  });
});
