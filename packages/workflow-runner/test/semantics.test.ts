import { describe, expect, it } from '@jest/globals';
import type { ApprovalRequest, RunEvent, StandInContext } from '../src/index.js';
import { ACCOUNT_ID, job, runFixture, step } from './helpers.js';

describe('job order and status', () => {
  it('runs jobs after everything they need, file order breaking ties', async () => {
    const result = await runFixture('needs-order.yml');
    expect(result.order).toEqual(['a', 'b', 'c', 'd']);
    const started = result.events.flatMap((e) => (e.type === 'job-started' ? [e.job] : []));
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('applies if:, failure(), always(), skips and continue-on-error as the runner does', async () => {
    const result = await runFixture('status.yml');
    const fails = job(result, 'fails');
    expect(fails.result).toBe('failure');
    expect(fails.steps.map((s) => [s.id, s.outcome])).toEqual([
      ['ok', 'success'],
      ['boom', 'failure'],
      ['after', 'skipped'],
      ['on-failure', 'success'],
      ['always', 'success'],
      ['not-cancelled', 'success'],
    ]);
    expect(step(fails, 'boom').exitCode).toBe(3);
    expect(fails.annotations).toContainEqual({
      level: 'error',
      message: 'Process completed with exit code 3.',
      step: 'boom',
    });
    expect(step(fails, 'on-failure').stdout).toBe('boom outcome=failure\n');

    const tolerant = job(result, 'tolerant');
    expect(tolerant.result).toBe('success');
    expect(step(tolerant, 'flaky')).toMatchObject({ outcome: 'failure', conclusion: 'success' });
    expect(step(tolerant, 'next').stdout).toBe('outcome=failure conclusion=success\n');

    expect(job(result, 'dependent').result).toBe('skipped');
    expect(job(result, 'chained').result).toBe('skipped');
    // failure() in a job looks at every ancestor, not only the direct needs.
    expect(job(result, 'cleanup').result).toBe('success');
    expect(step(job(result, 'report'), 'report').outputs.results).toBe('failure skipped success');

    expect(job(result, 'allowed-to-fail').result).toBe('failure');
    expect(job(result, 'after-allowed').result).toBe('success');
    expect(result.result).toBe('failure');
  });
});

describe('contexts, env and outputs', () => {
  const echo = (context: StandInContext): { outputs: Record<string, string> } => ({
    outputs: { ...context.with },
  });

  it('carries GITHUB_ENV, step outputs and ${{ }} in run/with/env through the job', async () => {
    const result = await runFixture('env-and-outputs.yml', { standIns: { 'acme/echo': echo } });
    const steps = job(result, 'steps');
    expect(steps.result).toBe('success');
    const levels = step(steps, 'levels').outputs;
    expect(levels.level).toBe('step workflow=from-workflow job=from-job exported=exported value');
    expect(levels.quoted).toBe('1');
    expect(levels.sha).toBe('10683f6edf72a951e1057f6f3bb713373cf08333 event=push job=steps');
    expect(step(steps, 'echo').outputs).toEqual({ greeting: 'hello job 1', level: 'job' });
    expect(step(steps, 'script').outputs.shell).toMatch(/script\.sh$/);
    expect(step(steps, 'script').outputs.heredoc).toBe('job');
    expect(steps.annotations).toContainEqual({
      level: 'notice',
      message: 'from the set step',
      title: 'hello',
      step: 'set',
    });
    expect(steps.outputs).toEqual({ greeting: 'hello job 1', multi: 'line one\nline two' });
    const read = step(job(result, 'later'), 'read').outputs;
    expect(read.greeting).toBe('hello job 1');
    expect(read.lines?.trim()).toBe('1');
    // GITHUB_ENV exports belong to the job that made them.
    expect(read.exported).toBe('unset');
  });

  it('fills head_ref/base_ref on pull_request events; untrusted text through env: stays data', async () => {
    const result = await runFixture('pull-request.yml', {
      github: {
        eventName: 'pull_request',
        ref: 'refs/pull/7/merge',
        event: {
          pull_request: {
            number: 7,
            title: '$(echo pwned)',
            head: { ref: 'feature/x' },
            base: { ref: 'main' },
          },
        },
      },
    });
    expect(step(job(result, 'show'), 'refs').outputs.refs).toBe(
      'feature/x main feature/x title=$(echo pwned)',
    );
  });

  it('refuses jobs with services: or container:', async () => {
    await expect(runFixture('services.yml')).rejects.toThrow(
      "job 'db' uses services:, which the local runner does not support",
    );
  });

  it('prepends GITHUB_PATH entries for later steps', async () => {
    const result = await runFixture('path.yml');
    expect(step(job(result, 'path'), 'use').outputs.out).toBe('tool-ran');
  });

  it('resolves workflow_dispatch inputs with defaults and types', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const result = await runFixture('dispatch-inputs.yml', {
      github: { eventName: 'workflow_dispatch' },
      inputs: { digest },
    });
    const show = job(result, 'show');
    expect(step(show, 'typed').outputs.seen).toBe(`${digest} true dev`);
    expect(step(show, 'string-compare').outputs.ok).toBe('yes');
  });

  it('refuses a dispatch without a required input, or with an unknown one', async () => {
    await expect(
      runFixture('dispatch-inputs.yml', { github: { eventName: 'workflow_dispatch' } }),
    ).rejects.toThrow("Required input 'digest' not provided");
    await expect(
      runFixture('dispatch-inputs.yml', { inputs: { digest: 'x', bogus: '1' } }),
    ).rejects.toThrow('Unexpected inputs provided: ["bogus"]');
    await expect(
      runFixture('dispatch-inputs.yml', { inputs: { digest: 'x', environment: 'qa' } }),
    ).rejects.toThrow("Input 'environment' must be one of dev, prod, not 'qa'.");
  });
});

describe('environments and concurrency', () => {
  it('skips an environment url that holds a secret, with the runner warning', async () => {
    const result = await runFixture('env-url-secret.yml', {
      settings: { environments: { prod: { secrets: { AWS_ACCOUNT_ID: ACCOUNT_ID } } } },
    });
    const deploy = job(result, 'deploy');
    expect(deploy.environment?.url).toBeUndefined();
    expect(deploy.annotations).toContainEqual({
      level: 'warning',
      message: "Skip setting environment url as environment 'prod' may contain secret.",
    });
  });

  const settings = {
    repository: { vars: { ECS_CLUSTER: 'main', ECS_SERVICE: 'web', HOST: 'example.test' } },
    environments: { prod: { reviewers: ['alice', 'bob'] } },
  };

  it('records concurrency groups: deploy and rollback share one', async () => {
    const result = await runFixture('concurrency.yml', { settings });
    expect(result.concurrency).toEqual({
      group: 'workflow-refs/heads/main',
      cancelInProgress: false,
    });
    expect(job(result, 'deploy').concurrency).toEqual({
      group: 'deploy-main-web',
      cancelInProgress: false,
    });
    expect(job(result, 'rollback').concurrency).toEqual(job(result, 'deploy').concurrency);
    expect(job(result, 'deploy').environment).toEqual({
      name: 'prod',
      url: 'https://example.test/',
      reviewers: ['alice', 'bob'],
      approved: true,
    });
  });

  it('asks the approve callback for required reviewers; a rejection fails the job', async () => {
    const requests: ApprovalRequest[] = [];
    const result = await runFixture('concurrency.yml', {
      settings,
      approve: (request) => {
        requests.push(request);
        return request.job !== 'deploy';
      },
    });
    expect(requests.map((r) => r.job)).toEqual(['deploy', 'rollback']);
    const deploy = job(result, 'deploy');
    expect(deploy.result).toBe('failure');
    expect(deploy.steps).toEqual([]);
    expect(deploy.environment?.approved).toBe(false);
    // rollback has if: always(), so it still runs after the rejected deploy.
    expect(job(result, 'rollback').result).toBe('success');
    expect(result.transcript).toContain(
      'job deploy: environment prod rejected (reviewers: alice, bob)',
    );
  });
});

describe('stand-ins', () => {
  it('configure-aws-credentials exports credentials and, when asked, masks the account id', async () => {
    const events: RunEvent[] = [];
    const result = await runFixture('aws-login.yml', {
      aws: { endpoint: 'http://127.0.0.1:4566', accountId: ACCOUNT_ID },
      onEvent: (event) => events.push(event),
    });
    const login = job(result, 'login');
    expect(step(login, 'env').outputs.region).toBe('eu-west-1');
    expect(step(login, 'ecr').outputs.registry).toBe(
      `${ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com`,
    );
    expect(login.outputs).toEqual({ region: 'eu-west-1' });
    expect(login.droppedOutputs.map((d) => d.name)).toEqual(['registry']);
    expect(events).toEqual(result.events);
  });

  it('has a default docker/build-push-action that reports a digest, and callers can replace it', async () => {
    const byDefault = await runFixture('build-push.yml');
    expect(job(byDefault, 'build').outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const seen: Record<string, string>[] = [];
    const replaced = await runFixture('build-push.yml', {
      standIns: {
        'docker/build-push-action': ({ with: inputs, log }) => {
          seen.push({ ...inputs });
          log('built without an engine');
          return { outputs: { digest: `sha256:${'b'.repeat(64)}` } };
        },
      },
    });
    const build = job(replaced, 'build');
    expect(build.outputs.digest).toBe(`sha256:${'b'.repeat(64)}`);
    expect(seen).toEqual([
      { context: '.', push: 'true', tags: 'app:10683f6edf72a951e1057f6f3bb713373cf08333' },
    ]);
    expect(step(build, 'build')).toMatchObject({
      kind: 'stand-in',
      stdout: 'built without an engine\n',
    });
  });

  it('refuses a workflow whose uses: has no stand-in, naming the action and the fix', async () => {
    await expect(runFixture('unknown-uses.yml')).rejects.toThrow(
      /No local stand-in for 'uses: acme\/not-stood-in@0123456789abcdef0123456789abcdef01234567'.*standIns/s,
    );
  });
});
