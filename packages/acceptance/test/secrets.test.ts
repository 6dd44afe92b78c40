// Secrets never leak: credentials, the ECR registry password and token, and a secret environment
// value are planted; every action runs its successful and failing paths from the bundle; every
// byte each step wrote (stdout, stderr, and every file under RUNNER_TEMP, which holds
// GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE, GITHUB_STEP_SUMMARY and whatever the action wrote
// there) is searched for each secret as is, base64-encoded and URL-encoded. `::add-mask::<value>`
// lines are the only place a secret may appear — and the rendered task definition, for the
// environment value it exists to carry to ECS.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEED } from '@ecs-deploy/aws-sim';
import { buildImage, writeOciLayout } from '@ecs-deploy/oci';
import type { StepResult } from '@ecs-deploy/runner-harness';
import { SOME_DIGEST, describeStep, errorAnnotations } from './support.js';
import { ecrLogin } from '@ecs-deploy/test-support';
import { startWorld, type World } from './world.js';

/** A value with the characters that base64 and URL encoding change. */
const planted = (label: string): string => `${label}/${randomBytes(18).toString('base64')}+=&`;
const SECRET_ACCESS_KEY = planted('acceptance-secret-key');
const SESSION_TOKEN = planted('IQoJb3JpZ2luX2VjEacceptance-session');
const DB_PASSWORD = planted('db-password');
const CREDENTIALS = { AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: SESSION_TOKEN };
const POLL = { 'poll-min-interval': '500ms', 'poll-max-interval': '1s', timeout: '60s' };

let world: World;
const secrets: Record<string, string> = {
  AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
  AWS_SESSION_TOKEN: SESSION_TOKEN,
  DB_PASSWORD,
};
const digests: Record<string, string> = {};

/** Every place a secret might show up in, as name → text. */
function writtenBy(result: StepResult): Map<string, string> {
  const places = new Map<string, string>();
  places.set(
    'stdout',
    result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n'),
  );
  places.set('stderr', result.stderr);
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        places.set(
          `RUNNER_TEMP/${path.slice(result.runnerTemp.length + 1)}`,
          readFileSync(path, 'latin1'),
        );
    }
  };
  walk(result.runnerTemp);
  return places;
}

/** `<secret> (<form>) in <place>` for every occurrence; `allowed` exempts a place for a secret. */
function leaks(
  result: StepResult,
  allowed: (secret: string, place: string) => boolean = () => false,
): string[] {
  const found: string[] = [];
  for (const [place, text] of writtenBy(result)) {
    for (const [name, value] of Object.entries(secrets)) {
      if (allowed(name, place)) continue;
      const forms: [string, string][] = [
        ['as is', value],
        ['base64', Buffer.from(value).toString('base64')],
        ['base64url', Buffer.from(value).toString('base64url')],
        ['URL-encoded', encodeURIComponent(value)],
      ];
      for (const [form, encoded] of forms)
        if (text.includes(encoded)) found.push(`${name} (${form}) in ${place}`);
    }
  }
  return found;
}

async function step(
  action: Parameters<World['step']>[0],
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<StepResult> {
  return world.step(action, inputs, { env: { ...CREDENTIALS, ...env } });
}

function expectOutcome(result: StepResult, outcome: 'success' | 'failure'): void {
  const ok = result.exitCode === 0 && errorAnnotations(result).length === 0;
  if (ok !== (outcome === 'success')) console.error(describeStep(result));
  expect(ok ? 'success' : 'failure').toBe(outcome);
}

beforeAll(async () => {
  world = await startWorld(
    {
      ...DEFAULT_SEED,
      timings: { healthyWithoutChecksSeconds: 5 },
      repositories: [
        { name: 'web', imageTagMutability: 'MUTABLE', images: [{ tag: 'v1' }] },
        { name: 'team/api', imageTagMutability: 'IMMUTABLE' },
      ],
    },
    30,
  );
  digests.v2 = await world.sim.pushImage({ repository: 'web', tag: 'v2' });
  digests.v3 = await world.sim.pushImage({ repository: 'web', tag: 'v3' });
  digests.broken = await world.sim.pushImage({
    repository: 'web',
    tag: 'broken',
    scenario: 'exit-on-start:1',
  });
  const login = await ecrLogin(world.sim);
  secrets.ECR_PASSWORD = login.password;
  secrets.ECR_TOKEN = login.token;
  await writeOciLayout(
    join(world.workspace, 'layout'),
    buildImage({ layers: [{ 'app/main.py': 'print("secrets")\n' }] }),
  );
  world.writeTaskDefinition('base.json', '<IMAGE>');
}, 60_000);
afterAll(async () => {
  await world.close();
});

describe('no secret in anything a step writes', () => {
  it('compute-image-tag, success and failure', async () => {
    const ok = await step('compute-image-tag', { environment: 'dev' });
    expectOutcome(ok, 'success');
    expect(leaks(ok)).toEqual([]);
    const bad = await step('compute-image-tag', { sha: DB_PASSWORD });
    expectOutcome(bad, 'failure');
    // The sha input is echoed in the message: a secret passed where a sha belongs is the
    // workflow's mistake, so only the credentials and the registry secrets are checked here.
    expect(leaks(bad, (name) => name === 'DB_PASSWORD')).toEqual([]);
  });

  it('push-ecr-digest: an OCI layout pushed with the registry password, then re-run', async () => {
    for (let run = 0; run < 2; run++) {
      const result = await step('push-ecr-digest', {
        repository: 'team/api',
        'oci-layout': 'layout',
        tags: 'dev-1',
      });
      expectOutcome(result, 'success');
      expect(result.stdout).toContain(`::add-mask::${secrets.ECR_PASSWORD ?? ''}`);
      expect(leaks(result)).toEqual([]);
    }
  });

  it('push-ecr-digest: registry 503s until the retries run out', async () => {
    world.registry.faults.inject({
      match: { method: 'PUT', path: '*/manifests/*' },
      status: 503,
      count: 20,
    });
    try {
      const result = await step('push-ecr-digest', {
        repository: 'team/api',
        'oci-layout': 'layout',
        tags: 'dev-2',
      });
      expectOutcome(result, 'failure');
      expect(leaks(result)).toEqual([]);
    } finally {
      world.registry.faults.clear();
    }
  });

  it('push-ecr-digest: registry refuses the credentials', async () => {
    world.registry.faults.inject({ match: { path: '/v2/*' }, status: 401, count: 50 });
    try {
      const result = await step('push-ecr-digest', {
        repository: 'team/api',
        'oci-layout': 'layout',
        tags: 'dev-3',
      });
      expectOutcome(result, 'failure');
      expect(leaks(result)).toEqual([]);
    } finally {
      world.registry.faults.clear();
    }
  });

  it('push-ecr-digest: ECR denies the token', async () => {
    await world.sim.control.addFault({
      target: 'ecr:GetAuthorizationToken',
      kind: 'access-denied',
      times: 1,
    });
    const result = await step('push-ecr-digest', {
      repository: 'team/api',
      'oci-layout': 'layout',
      tags: 'dev-4',
    });
    expectOutcome(result, 'failure');
    expect(leaks(result)).toEqual([]);
  });

  /** render-task-def with the secret environment value; exempts the rendered file only. */
  const renderedFileOnly =
    (result: StepResult) =>
    (name: string, place: string): boolean =>
      name === 'DB_PASSWORD' &&
      place ===
        `RUNNER_TEMP/${(result.outputs.get('task-definition') ?? '?').slice(result.runnerTemp.length + 1)}`;

  const renderWithSecret = (): Promise<StepResult> =>
    step('render-task-def', {
      'task-definition': 'base.json',
      image: `${world.host}/web@${digests.v2 ?? ''}`,
      'environment-variables': `DB_PASSWORD=${DB_PASSWORD}\nMODE=prod`,
      cluster: 'demo',
      service: 'web',
    });

  it('render-task-def: the credentials and registry secrets stay out of a render with a diff', async () => {
    const result = await renderWithSecret();
    expectOutcome(result, 'success');
    const file = result.outputs.get('task-definition') ?? '';
    expect(readFileSync(file, 'utf8')).toContain(DB_PASSWORD);
    copyFileSync(file, join(world.workspace, 'rendered.json'));
    expect(leaks(result, (name) => name === 'DB_PASSWORD')).toEqual([]);
  });

  // Was a defect (the diff printed environment values in clear in the log, the `diff` output and
  // the job summary), fixed in 1bfb240.
  it('render-task-def: a secret environment value reaches the rendered file and nothing else', async () => {
    const result = await renderWithSecret();
    expectOutcome(result, 'success');
    expect(leaks(result, renderedFileOnly(result))).toEqual([]);
  });

  it('render-task-def: an invalid definition holding the secret value', async () => {
    const result = await step('render-task-def', {
      'task-definition': 'base.json',
      image: `${world.host}/web@${digests.v2 ?? ''}`,
      'environment-variables': `DB_PASSWORD=${DB_PASSWORD}`,
      secrets: 'DB_PASSWORD=arn:aws:ssm:us-east-1:123456789012:parameter/db',
      memory: '4096',
    });
    expectOutcome(result, 'failure');
    expect(leaks(result)).toEqual([]);
  });

  it('ecs-rolling-deploy: deploys the rendered file (healthy), then a broken image (rolled back)', async () => {
    const ok = await step('ecs-rolling-deploy', {
      cluster: 'demo',
      service: 'web',
      'task-definition': 'rendered.json',
      ...POLL,
    });
    expectOutcome(ok, 'success');
    expect(leaks(ok)).toEqual([]);
    const brokenFile = world.writeTaskDefinition(
      'broken.json',
      `${world.host}/web@${digests.broken ?? ''}`,
      {
        containerDefinitions: [
          {
            name: 'app',
            image: `${world.host}/web@${digests.broken ?? ''}`,
            essential: true,
            portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
            environment: [{ name: 'DB_PASSWORD', value: DB_PASSWORD }],
          },
        ],
      },
    );
    const bad = await step('ecs-rolling-deploy', {
      cluster: 'demo',
      service: 'web',
      'task-definition': brokenFile,
      ...POLL,
    });
    expectOutcome(bad, 'failure');
    expect(bad.outputs.get('result')).toBe('rolled-back');
    expect(leaks(bad)).toEqual([]);
  });

  it('wait-healthy: healthy, and AccessDenied', async () => {
    const ok = await step('wait-healthy', { cluster: 'demo', service: 'web', ...POLL });
    expectOutcome(ok, 'success');
    expect(leaks(ok)).toEqual([]);
    await world.sim.control.addFault({
      target: 'ecs:DescribeServices',
      kind: 'access-denied',
      times: 1,
    });
    const bad = await step('wait-healthy', { cluster: 'demo', service: 'web', ...POLL });
    expectOutcome(bad, 'failure');
    expect(leaks(bad)).toEqual([]);
  });

  it('rollback-digest: dry run, a refused digest, and a real rollback', async () => {
    // A healthy v3 on top, so there is something to roll back from.
    const v3 = await step('ecs-rolling-deploy', {
      cluster: 'demo',
      service: 'web',
      'task-definition': world.writeTaskDefinition(
        'v3.json',
        `${world.host}/web@${digests.v3 ?? ''}`,
        {
          containerDefinitions: [
            {
              name: 'app',
              image: `${world.host}/web@${digests.v3 ?? ''}`,
              essential: true,
              portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
              environment: [{ name: 'DB_PASSWORD', value: DB_PASSWORD }],
            },
          ],
        },
      ),
      ...POLL,
    });
    expectOutcome(v3, 'success');
    const dry = await step('rollback-digest', {
      cluster: 'demo',
      service: 'web',
      'dry-run': 'true',
      ...POLL,
    });
    expectOutcome(dry, 'success');
    expect(dry.stdout).toContain(`app: ${digests.v3 ?? ''} -> ${digests.v2 ?? ''}`);
    expect(leaks(dry)).toEqual([]);
    const refused = await step('rollback-digest', {
      cluster: 'demo',
      service: 'web',
      digest: SOME_DIGEST,
      ...POLL,
    });
    expectOutcome(refused, 'failure');
    expect(errorAnnotations(refused).join('\n')).toContain('Refusing to roll back');
    expect(leaks(refused)).toEqual([]);
    const ok = await step('rollback-digest', { cluster: 'demo', service: 'web', ...POLL });
    expectOutcome(ok, 'success');
    expect(ok.outputs.get('noop')).toBe('false');
    expect(ok.outputs.get('result')).toBe('healthy');
    expect(leaks(ok)).toEqual([]);
  });
});
