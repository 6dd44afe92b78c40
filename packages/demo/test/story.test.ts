import { describe, expect, it } from '@jest/globals';
import type { JobRecord, StepRecord, WorkflowRunResult } from '@ecs-deploy/workflow-runner';
import {
  checkLines,
  dockerfileLabels,
  eventsWorthReading,
  jobLines,
  ociDestination,
  runStory,
  seconds,
  shortDigest,
  stoppedTaskReasons,
} from '../src/index.js';

const DIGEST = `sha256:${'e8d46e4f'.repeat(8)}`;

function stepRecord(overrides: Partial<StepRecord>): StepRecord {
  return {
    id: 'x',
    name: 'x',
    kind: 'action',
    outcome: 'success',
    conclusion: 'success',
    outputs: {},
    stdout: '',
    stderr: '',
    summary: '',
    durationMs: 10,
    annotations: [],
    ...overrides,
  };
}

function jobRecord(overrides: Partial<JobRecord>): JobRecord {
  return {
    id: 'job',
    name: 'job',
    result: 'success',
    outputs: {},
    droppedOutputs: [],
    annotations: [],
    steps: [],
    masked: [],
    durationMs: 1500,
    ...overrides,
  };
}

const failedDeploy = jobRecord({
  id: 'deploy-dev',
  result: 'failure',
  environment: { name: 'dev', reviewers: [], approved: true },
  steps: [
    stepRecord({
      id: 'deploy',
      uses: 'your-org/ecs-deploy-actions/actions/ecs-rolling-deploy@v1',
      outcome: 'failure',
      outputs: {
        result: 'rolled-back',
        'deployment-id': 'ecs-svc/1',
        'task-definition-arn': 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:4',
      },
      stdout: [
        '(service web) registered 1 targets in (target-group x)',
        '(service web) (deployment ecs-svc/1) deployment failed: tasks failed to start.',
        '(service web) rolling back to deployment ecs-svc/0.',
        '::warning::task a (web:4) stopped: boom',
      ].join('\n'),
    }),
    stepRecord({
      id: 'rollback',
      uses: 'your-org/ecs-deploy-actions/actions/rollback-digest@v1',
      outputs: { noop: 'true', 'rolled-back-to': JSON.stringify({ app: DIGEST }) },
      stdout: '(service web) (deployment ecs-svc/0) deployment completed.',
    }),
  ],
  annotations: [
    { level: 'warning', message: 'task 879bc074 (web:4) stopped: Essential container exited' },
    { level: 'warning', message: 'task ebc7e32b (web:4) stopped: Essential container exited' },
    { level: 'error', message: 'ecs-rolling-deploy: dev/web: rolled-back\nHint: fix it' },
  ],
});

describe('story formatting', () => {
  it('formats times and digests', () => {
    expect(seconds(1234)).toBe('1.2 s');
    expect(shortDigest(DIGEST)).toBe('sha256:e8d46e4fe8d4…');
    expect(shortDigest('')).toBe('');
  });

  it('keeps only the ECS events worth reading', () => {
    expect(eventsWorthReading(failedDeploy.steps[0]?.stdout ?? '')).toEqual([
      '(service web) (deployment ecs-svc/1) deployment failed: tasks failed to start.',
      '(service web) rolling back to deployment ecs-svc/0.',
    ]);
  });

  it('groups stopped-task warnings by reason', () => {
    expect(stoppedTaskReasons(failedDeploy)).toEqual([
      '2 task(s) of web:4: Essential container exited',
    ]);
  });

  it('tells a failed deployment job: verdict, events, a no-op rollback without replayed events, the error', () => {
    expect(jobLines(failedDeploy)).toEqual([
      '✘ deploy-dev [environment dev]: failure in 1.5 s',
      '    deploy web:4: rolled-back (ecs-svc/1)',
      '      (service web) (deployment ecs-svc/1) deployment failed: tasks failed to start.',
      '      (service web) rolling back to deployment ecs-svc/0.',
      '    rollback step: already back on sha256:e8d46e4fe8d4…, nothing to do',
      '    2 task(s) of web:4: Essential container exited',
      '    error: ecs-rolling-deploy: dev/web: rolled-back',
    ]);
  });

  it('tells a run: approvals, the tag, the digest, dropped outputs, skipped jobs', () => {
    const run: WorkflowRunResult = {
      name: 'deploy',
      result: 'failure',
      order: ['tag', 'build', 'deploy-prod'],
      jobs: {
        tag: jobRecord({ id: 'tag', outputs: { tag: 'sha-2222222' } }),
        build: jobRecord({
          id: 'build',
          outputs: { digest: DIGEST },
          droppedOutputs: [
            {
              name: 'image',
              reason: 'secret',
              warning: "Skip output 'image' since it may contain secret.",
            },
          ],
        }),
        'deploy-prod': jobRecord({
          id: 'deploy-prod',
          result: 'skipped',
          environment: { name: 'prod', reviewers: ['lead'], approved: false },
        }),
      },
      events: [],
      transcript: '',
    };
    expect(runStory(run, 4000)).toEqual([
      '✔ tag: success in 1.5 s',
      '    tag sha-2222222',
      '✔ build: success in 1.5 s',
      `    output digest ${DIGEST}`,
      "    warning: Skip output 'image' since it may contain secret.",
      '– deploy-prod [environment prod, waiting for lead]: skipped',
      'workflow deploy: failure (4.0 s)',
    ]);
    expect(
      checkLines([
        { ok: true, text: 'a' },
        { ok: false, text: 'b' },
      ]),
    ).toEqual(['✔ a', '✘ b']);
  });
});

describe('the OCI build stand-in', () => {
  it('reads the oci destination of buildx outputs', () => {
    expect(ociDestination('type=oci,dest=/tmp/image.tar')).toBe('/tmp/image.tar');
    expect(ociDestination('type=registry')).toBeUndefined();
  });

  it('reads LABEL lines of a Dockerfile', () => {
    expect(
      dockerfileLabels('FROM node:24\nLABEL sim.scenario=exit-on-start:1\nlabel a=b\nCMD ["x"]\n'),
    ).toEqual({ 'sim.scenario': 'exit-on-start:1', a: 'b' });
  });

  it.each([
    [undefined, { base: '1', role: 'worker', 'sim.scenario': 'exit-on-start:1' }],
    ['api', { base: '1', role: 'api' }],
    ['API', { base: '1', role: 'api' }],
    ['base', { base: '1' }],
    ['nope', undefined],
  ])('reads the labels of the stage built (target %s), inherited ones first', (target, labels) => {
    const dockerfile = [
      'FROM node:24-slim AS base',
      'LABEL base=1',
      'FROM base AS api',
      'LABEL role=api',
      'FROM base AS worker',
      'LABEL role=worker',
      'LABEL sim.scenario=exit-on-start:1',
    ].join('\n');
    expect(dockerfileLabels(dockerfile, target)).toEqual(labels);
  });
});
