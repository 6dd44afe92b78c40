import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EcsApi } from '@ecs-deploy/aws';
import { awsDeploymentSource, probeOnce } from '../src/index.js';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') res.writeHead(200).end('{"status":"ok"}');
    else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('late'), 2_000);
    else res.writeHead(503).end('down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('probeOnce', () => {
  it.each([
    ['/ok', {}, { ok: true, status: 200 }],
    ['/ok', { bodyPattern: /"status":"ok"/ }, { ok: true, status: 200, bodyMatched: true }],
    ['/ok', { bodyPattern: /healthy/ }, { ok: false, status: 200, bodyMatched: false }],
    ['/down', {}, { ok: false, status: 503 }],
    ['/down', { expectStatus: [503] }, { ok: true, status: 503 }],
  ])('%s %p', async (path, settings, expected) => {
    expect(await probeOnce({ url: `${base}${path}`, timeoutMs: 1_000, ...settings })).toEqual({
      url: `${base}${path}`,
      ...expected,
    });
  });

  it('reports a slow answer and a refused connection as results, not exceptions', async () => {
    expect(await probeOnce({ url: `${base}/slow`, timeoutMs: 200 })).toEqual({
      ok: false,
      url: `${base}/slow`,
      error: 'no answer within 200 ms',
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await probeOnce({ url: `http://127.0.0.1:${port}/`, timeoutMs: 1_000 });
    expect(refused).toMatchObject({ ok: false, error: 'ECONNREFUSED' });
  });
});

describe('awsDeploymentSource', () => {
  const stoppedAt = (iso: string): Date => new Date(iso);
  const ecs = {
    describeServices: ({ services }: { services?: string[] }) =>
      Promise.resolve(
        services?.[0] === 'gone'
          ? { services: [], failures: [{ arn: 'arn:x', reason: 'MISSING' }], $metadata: {} }
          : { services: [{ serviceName: 'web', status: 'ACTIVE' }], failures: [], $metadata: {} },
      ),
    listTasks: () => Promise.resolve({ taskArns: ['t1', 't2'], $metadata: {} }),
    describeTasks: () =>
      Promise.resolve({
        tasks: [
          { taskArn: 't1', stoppedAt: stoppedAt('2026-11-22T10:00:00Z') },
          { taskArn: 't2', stoppedAt: stoppedAt('2026-11-22T10:05:00Z') },
        ],
        $metadata: {},
      }),
  } as unknown as EcsApi;

  it('returns the service, or its failures entry when it is missing', async () => {
    await expect(
      awsDeploymentSource({ ecs, cluster: 'c', service: 'web' }).describeService(),
    ).resolves.toEqual({ service: { serviceName: 'web', status: 'ACTIVE' } });
    await expect(
      awsDeploymentSource({ ecs, cluster: 'c', service: 'gone' }).describeService(),
    ).resolves.toEqual({ missing: { arn: 'arn:x', reason: 'MISSING' } });
  });

  it('keeps only tasks stopped since the given time', async () => {
    const tasks = await awsDeploymentSource({
      ecs,
      cluster: 'c',
      service: 'web',
    }).describeStoppedTasks({
      deploymentId: 'ecs-svc/1',
      since: Date.parse('2026-11-22T10:01:00Z'),
    });
    expect(tasks.map((t) => t.taskArn)).toEqual(['t2']);
  });

  it('describes a task once it is STOPPED, and again while it is still stopping', async () => {
    const described: string[][] = [];
    const counting = {
      listTasks: () => Promise.resolve({ taskArns: ['t1', 't2'], $metadata: {} }),
      describeTasks: ({ tasks }: { tasks: string[] }) => {
        described.push(tasks);
        return Promise.resolve({
          tasks: tasks.map((taskArn) => ({
            taskArn,
            lastStatus: taskArn === 't1' ? 'STOPPED' : 'DEPROVISIONING',
            stoppedAt: stoppedAt('2026-11-22T10:00:00Z'),
          })),
          $metadata: {},
        });
      },
    } as unknown as EcsApi;
    const source = awsDeploymentSource({ ecs: counting, cluster: 'c', service: 'web' });
    const first = await source.describeStoppedTasks({ deploymentId: 'ecs-svc/1' });
    const second = await source.describeStoppedTasks({ deploymentId: 'ecs-svc/1' });
    expect(described).toEqual([['t1', 't2'], ['t2']]);
    expect(first.map((t) => t.taskArn)).toEqual(['t1', 't2']);
    expect(second).toEqual(first);
  });

  it('returns a described task whose ARN is not spelled as ListTasks listed it', async () => {
    const listedShort = {
      listTasks: () => Promise.resolve({ taskArns: ['abc123'], $metadata: {} }),
      describeTasks: () =>
        Promise.resolve({
          tasks: [{ taskArn: 'arn:aws:ecs:us-east-1:1:task/c/abc123', lastStatus: 'STOPPED' }],
          $metadata: {},
        }),
    } as unknown as EcsApi;
    const source = awsDeploymentSource({ ecs: listedShort, cluster: 'c', service: 'web' });
    for (let i = 0; i < 2; i++) {
      const tasks = await source.describeStoppedTasks({ deploymentId: 'ecs-svc/1' });
      expect(tasks.map((t) => t.taskArn)).toEqual(['arn:aws:ecs:us-east-1:1:task/c/abc123']);
    }
  });

  it('reads target health only when an ELB client is given', () => {
    expect('targetHealth' in awsDeploymentSource({ ecs, cluster: 'c', service: 'web' })).toBe(
      false,
    );
    const withElb = awsDeploymentSource({
      ecs,
      elb: { targetHealth: () => Promise.resolve([]) },
      cluster: 'c',
      service: 'web',
    });
    expect('targetHealth' in withElb).toBe(true);
  });
});
