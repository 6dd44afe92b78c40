// rollback-digest through its bundle, the way the runner runs it, against the simulator. Each case
// gets its own service, whose history is made with the simulator's own UpdateService and a jump
// of its clock; the action's own rollout runs on the scaled clock (a few seconds).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { awsSettingsFrom, sdkEcsApi, type EcsApi } from '@ecs-deploy/aws';
import { startSimulator, type Simulator } from '@ecs-deploy/aws-sim';
import { actionDir, runStep, type StepResult } from '@ecs-deploy/runner-harness';

const SPEED = 10;
let sim: Simulator;
let ecs: EcsApi;
let host = '';
const digests: Record<string, string> = {};
const results: StepResult[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    speed: SPEED,
    seed: {
      clusters: ['c'],
      // No load balancer and short health: a rollout of one task takes ~15 simulated seconds.
      timings: { healthyWithoutChecksSeconds: 5, stopSeconds: 1 },
    },
  });
  // The SDK reads the endpoint and credentials from the environment, as in the action.
  Object.assign(process.env, sim.env);
  ecs = sdkEcsApi(awsSettingsFrom(sim.env, 'rollback-digest-test', '0'));
  host = sim.ctx.registry.host;
  for (const tag of ['v0', 'v1', 'v2', 'v3'])
    digests[tag] = await sim.pushImage({ repository: 'web', tag });
  digests.bad = await sim.pushImage({ repository: 'web', tag: 'bad', scenario: 'exit-on-start:1' });
  digests.slow = await sim.pushImage({ repository: 'web', tag: 'slow', scenario: 'slow:900' });
});
afterAll(async () => {
  for (const result of results) result.cleanup();
  await sim.close();
});

function definition(service: string, tag: string): Parameters<EcsApi['registerTaskDefinition']>[0] {
  return {
    family: service,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'app',
        image: `${host}/web:${tag}`,
        essential: true,
        environment: [{ name: 'RELEASE', value: tag }],
      },
    ],
  };
}

/** The commit a revision of `tag` is tagged with (`ecs-deploy:commit`). */
const commitOf = (tag: string): string => tag.padEnd(40, '0');

/** Starts a deployment of `tag` with the simulator's own UpdateService. */
async function update(service: string, tag: string): Promise<string> {
  // Tagged as ecs-rolling-deploy tags its revisions, with a commit per image tag.
  const td = await ecs.registerTaskDefinition({
    ...definition(service, tag),
    tags: [{ key: 'ecs-deploy:commit', value: commitOf(tag) }],
  });
  const arn = td.taskDefinition?.taskDefinitionArn ?? '';
  await ecs.updateService({ cluster: 'c', service, taskDefinition: arn });
  return arn;
}

/** A service steady on the first tag, then deployed (to completion, or to ECS's rollback) to each next one. */
async function serviceWith(service: string, tags: readonly string[]): Promise<string[]> {
  const [first, ...rest] = tags;
  await sim.applySeed({
    taskDefinitions: [JSON.parse(JSON.stringify(definition(service, first ?? 'v0'))) as never],
    services: [
      {
        cluster: 'c',
        serviceName: service,
        taskDefinition: service,
        desiredCount: 1,
        launchType: 'FARGATE',
        deploymentConfiguration: {
          minimumHealthyPercent: 100,
          maximumPercent: 200,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      },
    ],
  });
  const arns = [`${service}:1`];
  for (const tag of rest) {
    arns.push(await update(service, tag));
    sim.advance(300);
  }
  return arns;
}

async function running(service: string): Promise<{ taskDefinition: string; digest?: string }> {
  const answer = await ecs.describeServices({ cluster: 'c', services: [service] });
  const svc = answer.services?.[0];
  const revisions = await ecs.describeServiceRevisions({
    serviceRevisionArns: (svc?.currentServiceRevisions ?? []).map((r) => r.arn ?? ''),
  });
  return {
    taskDefinition: svc?.taskDefinition ?? '',
    digest: revisions.serviceRevisions?.[0]?.containerImages?.[0]?.imageDigest,
  };
}

async function step(service: string, inputs: Record<string, string> = {}): Promise<StepResult> {
  const result = await runStep({
    actionDir: actionDir('rollback-digest'),
    inputs: {
      cluster: 'c',
      service,
      'poll-min-interval': '500ms',
      'poll-max-interval': '1s',
      ...inputs,
    },
    env: {
      ...sim.env,
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_RUN_ID: '42',
      GITHUB_SHA: 'f'.repeat(40),
    },
  });
  results.push(result);
  return result;
}

const errors = (result: StepResult): string =>
  result.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n');
const json = (result: StepResult, name: string): unknown =>
  JSON.parse(result.outputs.get(name) ?? 'null');
const mutatingSince = (seq: number): string[] =>
  sim.log.entries({ mutating: true, afterSeq: seq }).map((e) => e.operation);

describe('rollback-digest bundle', () => {
  it('rolls v2 back to the last healthy digest (v1), keeping the live configuration', async () => {
    await serviceWith('a', ['v0', 'v1', 'v2']);
    const result = await step('a');
    expect(errors(result)).toBe('');
    expect(result.exitCode).toBe(0);
    expect(json(result, 'rolled-back-to')).toEqual({ app: digests.v1 });
    expect(json(result, 'from')).toEqual({ app: digests.v2 });
    expect(result.outputs.get('noop')).toBe('false');
    expect(result.outputs.get('result')).toBe('healthy');
    expect(result.outputs.get('deployment-id')).toMatch(/^ecs-svc\/\d+$/);
    const arn = result.outputs.get('task-definition-arn') ?? '';
    expect(arn).toMatch(/task-definition\/a:4$/);
    expect(await running('a')).toEqual({ taskDefinition: arn, digest: digests.v1 });
    const td = await ecs.describeTaskDefinition({ taskDefinition: arn, include: ['TAGS'] });
    const container = td.taskDefinition?.containerDefinitions?.[0];
    expect(container?.image).toBe(`${host}/web@${digests.v1}`);
    // The newer configuration (here: v2's environment) stays in mode digest.
    expect(container?.environment).toEqual([{ name: 'RELEASE', value: 'v2' }]);
    const tags = Object.fromEntries(
      (td.tags ?? []).map((t): [string, string] => [t.key ?? '', t.value ?? '']),
    );
    expect(tags).toMatchObject({
      'ecs-deploy:rollback-from': 'a:3',
      'ecs-deploy:digest:app': digests.v1,
      'ecs-deploy:run': 'https://github.com/octo/app/actions/runs/42',
    });
    expect(tags['ecs-deploy:rollback-to']).toBe(
      result.outputs.get('target-service-deployment-arn'),
    );
    expect(result.summary).toContain('### Rollback of `c/a`');
    // The commit v1 was deployed from, not this run's GITHUB_SHA.
    expect(result.outputs.get('commit')).toBe(commitOf('v1'));
    expect(result.stdout).toContain(`the target was deployed from commit ${commitOf('v1')}`);

    // Running it again goes nowhere: our own rollback is not a new version.
    const again = await step('a');
    expect(again.exitCode).toBe(0);
    expect(again.outputs.get('noop')).toBe('true');
  });

  it('counts versions in the order they were deployed: after v0, v1, v2, v1 it goes back to v2', async () => {
    // The last v1 is a redeployment (a revert), not a rollback of ours: it is the current version.
    await serviceWith('k', ['v0', 'v1', 'v2', 'v1']);
    const result = await step('k');
    expect(errors(result)).toBe('');
    expect(json(result, 'from')).toEqual({ app: digests.v1 });
    expect(json(result, 'rolled-back-to')).toEqual({ app: digests.v2 });
    expect((await running('k')).digest).toBe(digests.v2);
  });

  it('goes back to an explicit digest that ran healthy before', async () => {
    await serviceWith('b', ['v0', 'v1', 'v2']);
    const result = await step('b', { digest: digests.v0 ?? '' });
    expect(errors(result)).toBe('');
    expect(json(result, 'rolled-back-to')).toEqual({ app: digests.v0 });
    expect((await running('b')).digest).toBe(digests.v0);
  });

  it('goes two healthy versions back with steps-back: 2', async () => {
    await serviceWith('c2', ['v0', 'v1', 'v2']);
    const result = await step('c2', { 'steps-back': '2', wait: 'false' });
    expect(errors(result)).toBe('');
    expect(json(result, 'rolled-back-to')).toEqual({ app: digests.v0 });
    expect(result.outputs.get('result')).toBeUndefined();
  });

  it("is a no-op when ECS's circuit breaker already rolled back", async () => {
    await serviceWith('d', ['v0', 'v1', 'bad']);
    expect((await running('d')).digest).toBe(digests.v1);
    const seq = sim.log.mark();
    const result = await step('d');
    expect(errors(result)).toBe('');
    expect(result.outputs.get('noop')).toBe('true');
    expect(json(result, 'rolled-back-to')).toEqual({ app: digests.v1 });
    expect(result.outputs.get('result')).toBe('healthy');
    expect(mutatingSince(seq)).toEqual([]);
  });

  it('stops a deployment in progress with ECS rollback (stop)', async () => {
    await serviceWith('e', ['v0', 'v1']);
    await update('e', 'slow');
    const seq = sim.log.mark();
    const result = await step('e', { 'if-deployment-in-progress': 'stop' });
    expect(errors(result)).toBe('');
    expect(mutatingSince(seq)).toEqual(['StopServiceDeployment']);
    const [stop] = sim.log.entries({ operation: 'StopServiceDeployment', afterSeq: seq });
    expect(stop?.params).toMatchObject({ stopType: 'ROLLBACK' });
    expect(json(result, 'rolled-back-to')).toEqual({ app: digests.v1 });
    expect(result.outputs.get('result')).toBe('healthy');
    expect((await running('e')).digest).toBe(digests.v1);
  });

  it('fails at once on a deployment in progress with fail, and only plans the stop in a dry run', async () => {
    await serviceWith('e2', ['v0', 'v1']);
    await update('e2', 'slow');
    const seq = sim.log.mark();
    const failed = await step('e2', { 'if-deployment-in-progress': 'fail' });
    expect(failed.exitCode).toBe(1);
    expect(errors(failed)).toMatch(/still in progress \(if-deployment-in-progress: fail\)/);
    const dry = await step('e2', { 'dry-run': 'true' });
    expect(errors(dry)).toBe('');
    expect(dry.stdout).toContain('dry run: would stop the deployment in progress');
    expect(mutatingSince(seq)).toEqual([]);
  });

  it('refuses a digest that never ran healthy, unless forced', async () => {
    await serviceWith('f', ['v0', 'v1', 'bad']);
    const seq = sim.log.mark();
    for (const digest of [digests.v3, digests.bad]) {
      const result = await step('f', { digest: digest ?? '' });
      expect(result.exitCode).toBe(1);
      expect(errors(result)).toContain(
        `rollback-digest: Refusing to roll back to app=${digest ?? ''}`,
      );
      expect(errors(result)).toContain('force: true');
    }
    expect(mutatingSince(seq)).toEqual([]);
    const forced = await step('f', { digest: digests.v3 ?? '', force: 'true', wait: 'false' });
    expect(errors(forced)).toBe('');
    expect(mutatingSince(seq)).toEqual(['RegisterTaskDefinition', 'UpdateService']);
  });

  it('prints the plan in a dry run and changes nothing', async () => {
    await serviceWith('g', ['v0', 'v1', 'v2']);
    const seq = sim.log.mark();
    const result = await step('g', { 'dry-run': 'true' });
    expect(errors(result)).toBe('');
    expect(mutatingSince(seq)).toEqual([]);
    expect(json(result, 'rolled-back-to')).toEqual({ app: digests.v1 });
    expect(json(result, 'from')).toEqual({ app: digests.v2 });
    expect(result.stdout).toContain(`app: ${digests.v2 ?? ''} -> ${digests.v1 ?? ''}`);
    expect(result.stdout).toContain(`+      "image": "${host}/web@${digests.v1 ?? ''}"`);
    expect(result.stdout).toContain('UpdateService { cluster: c, service: g');
    expect(result.stdout).toContain('dry run: nothing was changed');
  });

  it('points the service back at the earlier revision in mode revision', async () => {
    const arns = await serviceWith('h', ['v0', 'v1', 'v2']);
    const result = await step('h', { mode: 'revision' });
    expect(errors(result)).toBe('');
    expect(result.outputs.get('task-definition-arn')).toBe(arns[1]);
    expect(result.outputs.get('commit')).toBe(commitOf('v1'));
    expect(await running('h')).toEqual({ taskDefinition: arns[1], digest: digests.v1 });
  });

  it('refuses mode revision to a deregistered (INACTIVE) revision before any change, suggesting mode digest', async () => {
    const arns = await serviceWith('i', ['v0', 'v1', 'v2']);
    await ecs.deregisterTaskDefinition({ taskDefinition: arns[1] ?? '' });
    const seq = sim.log.mark();
    const result = await step('i', { mode: 'revision' });
    expect(result.exitCode).toBe(1);
    expect(errors(result)).toContain(
      `rollback-digest: Input 'mode' is "revision", but the revision that ran the target, ${arns[1] ?? ''}, is INACTIVE (deregistered).`,
    );
    expect(errors(result)).toContain('Use mode: digest');
    expect(mutatingSince(seq)).toEqual([]);
    // mode digest reaches the same digests without the deregistered revision.
    const digest = await step('i', {});
    expect(errors(digest)).toBe('');
    expect((await running('i')).digest).toBe(digests.v1);
  });

  it.each([
    ['sha256:abc', /its hex part has 3 characters instead of 64/],
    [`sha256:${'A'.repeat(64)}`, /upper-case/],
    [`sha512:${'a'.repeat(128)}`, /algorithm is "sha512"/],
  ])('refuses the digest %s before any AWS call', async (digest, why) => {
    const seq = sim.log.mark();
    const result = await step('no-such-service', { digest });
    expect(result.exitCode).toBe(1);
    expect(errors(result)).toMatch(/^rollback-digest: Input 'digest' is "/);
    expect(errors(result)).toMatch(why);
    expect(sim.log.entries({ afterSeq: seq })).toEqual([]);
  });
});
