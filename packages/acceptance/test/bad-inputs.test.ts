// The bad-input matrix: every action, run from its bundle as the runner runs it, against one
// simulator, with empty, blank and malformed inputs. Each case must fail the step with exactly one
// error annotation that names the input and states the expected form, and must not make a single
// mutating AWS call. Cases the actions' own bundle tests already assert (the ones listed in
// README.md) are not repeated here.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedWithImages, simFixture, type SimFixture } from '@ecs-deploy/test-support';
import {
  GITHUB_ENV,
  SOME_DIGEST,
  bundleReady,
  describeStep,
  expectRefused,
  type ActionName,
} from './support.js';

/** One bad input: what to run, which input the message must name, and the expected form it states. */
interface Case {
  readonly action: ActionName;
  readonly inputs: Readonly<Record<string, string>>;
  readonly input: string;
  readonly expected: RegExp;
  /** Extra step environment (e.g. a different region). */
  readonly env?: Readonly<Record<string, string>>;
}

const POLL = { 'poll-min-interval': '500ms', 'poll-max-interval': '1s', timeout: '30s' };
const OTHER_ACCOUNT_HOST = '999999999999.dkr.ecr.us-east-1.amazonaws.com';
const ECR_IMAGE = `123456789012.dkr.ecr.us-east-1.amazonaws.com/web@${SOME_DIGEST}`;

/** Valid inputs of each action; a case overrides some of them. */
const BASE: Readonly<Record<ActionName, Readonly<Record<string, string>>>> = {
  'compute-image-tag': { environment: 'dev' },
  'push-ecr-digest': { repository: 'web', 'oci-layout': 'layout', tags: 'v9' },
  'render-task-def': { 'task-definition': 'td.json', image: ECR_IMAGE },
  'ecs-rolling-deploy': { cluster: 'demo', service: 'web', 'task-definition': 'td.json', ...POLL },
  'wait-healthy': { cluster: 'demo', service: 'web', ...POLL },
  'rollback-digest': { cluster: 'demo', service: 'web', ...POLL },
  'ecs-run-task': {
    cluster: 'demo',
    service: 'web',
    'task-definition': 'td.json',
    command: 'python manage.py migrate',
    timeout: '30s',
  },
};

const BOOLEAN = /Expected true or false/;
const DURATION = /Expected a duration such as/;
const DIGEST_FORM = /Expected sha256:[ <]?.*64 lower-case hex/;
const TAG_FORM = /Expected tags of letters, digits/;
const TD_FORM = /JSON|YAML|object/;

const c = (
  action: ActionName,
  input: string,
  inputs: Readonly<Record<string, string>>,
  expected: RegExp,
  env?: Readonly<Record<string, string>>,
): [string, Case] => [
  `${action} ${input}=${JSON.stringify(inputs[input] ?? Object.values(inputs)[0] ?? '').slice(0, 40)}`,
  { action, input, inputs, expected, ...(env === undefined ? {} : { env }) },
];

/** Cases every action passes today. */
const CASES: [string, Case][] = [
  // compute-image-tag
  c('compute-image-tag', 'sha', { sha: '10683f6' }, /Expected a full 40-character commit sha/),
  c('compute-image-tag', 'sha', { sha: 'g'.repeat(40) }, /Expected a full 40-character/),
  c('compute-image-tag', 'short-sha-length', { 'short-sha-length': '   ' }, /Expected a whole/),
  c('compute-image-tag', 'short-sha-length', { 'short-sha-length': 'seven' }, /Expected a whole/),
  c('compute-image-tag', 'short-sha-length', { 'short-sha-length': '41' }, /from 7 to 40/),
  c('compute-image-tag', 'format', { format: '{env}-{nope}' }, /Expected one of \{/),
  c('compute-image-tag', 'format', { format: 'v-{sha' }, /Expected placeholders written as/),
  c('compute-image-tag', 'format', { format: '!!!' }, /Expected a template whose result/),
  c('compute-image-tag', 'extra-tags', { 'extra-tags': 'ok\n{branch-}' }, /Expected one of \{/),
  // push-ecr-digest
  c('push-ecr-digest', 'repository', { repository: '' }, /Expected an ECR repository name/),
  c('push-ecr-digest', 'repository', { repository: '   ' }, /Expected an ECR repository name/),
  c('push-ecr-digest', 'repository', { repository: 'Team/API' }, /Expected an ECR repository/),
  c('push-ecr-digest', 'tags', { tags: 'dev latest!' }, TAG_FORM),
  c('push-ecr-digest', 'tags', { tags: 'ok\n.hidden' }, TAG_FORM),
  c('push-ecr-digest', 'tags', { tags: 'x'.repeat(129) }, TAG_FORM),
  c(
    'push-ecr-digest',
    'tags',
    { 'oci-layout': '', 'source-tag': 'dev-1', tags: '' },
    /Expected at least one tag/,
  ),
  c('push-ecr-digest', 'source-tag', { 'oci-layout': '', 'source-tag': 'a:b' }, TAG_FORM),
  c(
    'push-ecr-digest',
    'source-digest',
    { 'oci-layout': '', 'source-digest': 'sha256:abc' },
    DIGEST_FORM,
  ),
  c(
    'push-ecr-digest',
    'source-digest',
    { 'oci-layout': '', 'source-digest': `sha256:${'A'.repeat(64)}` },
    DIGEST_FORM,
  ),
  c(
    'push-ecr-digest',
    'source-digest',
    { 'oci-layout': '', 'source-digest': `sha512:${'a'.repeat(128)}` },
    DIGEST_FORM,
  ),
  c('push-ecr-digest', 'oci-layout', { 'oci-layout': '   ' }, /Set exactly one of them/),
  c(
    'push-ecr-digest',
    'oci-archive',
    { 'oci-archive': 'image.tar' },
    /'oci-layout' and 'oci-archive' are both set\. Set exactly one/,
  ),
  c('push-ecr-digest', 'registry-id', { 'registry-id': '1234' }, /Expected a 12-digit/),
  c('push-ecr-digest', 'create-repository', { 'create-repository': 'yes' }, BOOLEAN),
  c('push-ecr-digest', 'scan-on-push', { 'scan-on-push': '' }, BOOLEAN),
  c(
    'push-ecr-digest',
    'image-tag-mutability',
    { 'image-tag-mutability': 'immutable' },
    /Expected one of: MUTABLE, IMMUTABLE/,
  ),
  c(
    'push-ecr-digest',
    'local-image',
    { 'oci-layout': '', 'local-image': 'app:bad tag' },
    /Expected a local image reference/,
  ),
  // render-task-def
  c('render-task-def', 'task-definition', { 'task-definition': '  ' }, /Set exactly one/),
  c('render-task-def', 'task-definition', { 'task-definition': 'garbage.txt' }, TD_FORM),
  c('render-task-def', 'task-definition', { 'task-definition': 'array.json' }, TD_FORM),
  c('render-task-def', 'task-definition', { 'task-definition': 'huge.json' }, /larger than/),
  c('render-task-def', 'image', { image: '   ' }, /upstream job output was dropped/),
  c('render-task-def', 'image', { image: 'sha256:abc' }, DIGEST_FORM),
  c('render-task-def', 'image', { image: `sha256:${'A'.repeat(64)}` }, DIGEST_FORM),
  c('render-task-def', 'image', { image: `sha512:${'a'.repeat(128)}` }, DIGEST_FORM),
  c('render-task-def', 'image', { image: 'web:dev latest!' }, /Expected a full reference/),
  c('render-task-def', 'image', { image: `${OTHER_ACCOUNT_HOST}/` }, /Expected a full/),
  c('render-task-def', 'repository', { image: SOME_DIGEST }, /Expected the repository of/),
  c(
    'render-task-def',
    'containers',
    { image: '', containers: 'app' },
    /Expected one container-name=image pair a line/,
  ),
  c('render-task-def', 'secrets', { secrets: 'DB_PASSWORD' }, /Expected one KEY=VALUE pair/),
  c(
    'render-task-def',
    'secrets',
    // "db-password" is a name ECS takes (held-out-render.test.ts); a blank is not.
    { secrets: '"db password": arn:aws:ssm:us-east-1:123456789012:parameter/db' },
    /Expected a name without "="/,
  ),
  c('render-task-def', 'log-options', { 'log-options': 'awslogs-group' }, /Expected one KEY=/),
  c(
    'render-task-def',
    'task-definition',
    { 'task-definition': 'missing.json' },
    /could not be read[\s\S]*Expected a path/,
  ),
  c('rollback-digest', 'digests', { digests: '{app: ' }, /not valid JSON or YAML/),
  c('rollback-digest', 'digests', { digests: `["${SOME_DIGEST}"]` }, /Expected a JSON/),
  c('push-ecr-digest', 'tags', { tags: 'feature/x' }, TAG_FORM),
  c('render-task-def', 'require-digest', { 'require-digest': 'yes' }, BOOLEAN),
  c('render-task-def', 'validate-only', { 'validate-only': 'on' }, BOOLEAN),
  c('render-task-def', 'compare-with', { 'compare-with': 'live' }, /Expected one of: auto/),
  c(
    'render-task-def',
    'compare-with',
    { 'compare-with': 'service', cluster: 'demo' },
    /Expected both 'cluster' and 'service' set/,
  ),
  // ecs-rolling-deploy
  c('ecs-rolling-deploy', 'cluster', { cluster: '   ' }, /Expected the ECS cluster name/),
  c('ecs-rolling-deploy', 'service', { service: '' }, /Expected the ECS service name/),
  c('ecs-rolling-deploy', 'task-definition', { 'task-definition': '' }, /Expected the path/),
  c('ecs-rolling-deploy', 'task-definition', { 'task-definition': 'garbage.txt' }, TD_FORM),
  c('ecs-rolling-deploy', 'task-definition', { 'task-definition': 'array.json' }, TD_FORM),
  c('ecs-rolling-deploy', 'task-definition', { 'task-definition': 'huge.json' }, /larger than/),
  c('ecs-rolling-deploy', 'timeout', { timeout: '-1m' }, DURATION),
  c('ecs-rolling-deploy', 'timeout', { timeout: '1y' }, DURATION),
  c('ecs-rolling-deploy', 'in-progress-timeout', { 'in-progress-timeout': '15' }, DURATION),
  c('ecs-rolling-deploy', 'stable-for', { 'stable-for': 'soon' }, DURATION),
  c('ecs-rolling-deploy', 'wait', { wait: 'yes' }, BOOLEAN),
  c('ecs-rolling-deploy', 'force-new-deployment', { 'force-new-deployment': 'no' }, BOOLEAN),
  c('ecs-rolling-deploy', 'desired-count', { 'desired-count': '-1' }, /Expected a whole/),
  c('ecs-rolling-deploy', 'desired-count', { 'desired-count': 'two' }, /Expected a whole/),
  c(
    'ecs-rolling-deploy',
    'minimum-healthy-percent',
    { 'minimum-healthy-percent': '150' },
    /from 0 to 100/,
  ),
  c('ecs-rolling-deploy', 'maximum-percent', { 'maximum-percent': '50' }, /from 100 to 200/),
  c('ecs-rolling-deploy', 'keep-revisions', { 'keep-revisions': '-1' }, /Expected a whole/),
  c('ecs-rolling-deploy', 'tags', { tags: 'aws:team=x' }, /Expected keys that do not start/),
  c('ecs-rolling-deploy', 'tags', { tags: 'team' }, /Expected one KEY=VALUE pair a line/),
  c(
    'ecs-rolling-deploy',
    'if-deployment-in-progress',
    { 'if-deployment-in-progress': 'stop' },
    /Expected one of: wait, fail/,
  ),
  c(
    'ecs-rolling-deploy',
    'poll-max-interval',
    { 'poll-min-interval': '2s', 'poll-max-interval': '1s' },
    /Expected a duration at least poll-min-interval/,
  ),
  c(
    'ecs-rolling-deploy',
    'health-timeout',
    { 'health-url': 'http://127.0.0.1:1/health', 'health-timeout': '5' },
    DURATION,
  ),
  // wait-healthy
  c('wait-healthy', 'service', { service: '  ' }, /Expected the ECS service name/),
  c('wait-healthy', 'timeout', { timeout: '-1m' }, DURATION),
  c('wait-healthy', 'timeout', { timeout: '1y' }, DURATION),
  c('wait-healthy', 'timeout', { timeout: '15' }, DURATION),
  c('wait-healthy', 'stable-for', { 'stable-for': 'yes' }, DURATION),
  c('wait-healthy', 'poll-max-interval', { 'poll-max-interval': '1d' }, DURATION),
  c(
    'wait-healthy',
    'health-body-match',
    { 'health-url': 'http://127.0.0.1:1/', 'health-body-match': '([' },
    /regular expression/,
  ),
  c(
    'wait-healthy',
    'health-grace',
    { 'health-url': 'http://127.0.0.1:1/', 'health-grace': '1 minute' },
    DURATION,
  ),
  // rollback-digest
  c('rollback-digest', 'cluster', { cluster: '' }, /Expected the ECS cluster name/),
  c('rollback-digest', 'service', { service: '\t ' }, /Expected the ECS service name/),
  c('rollback-digest', 'digests', { digests: `{"app":"sha256:abc"}` }, DIGEST_FORM),
  c('rollback-digest', 'digests', { digests: '{}' }, /Expected a JSON map/),
  c(
    'rollback-digest',
    'digests',
    { digests: `{"app":"${SOME_DIGEST}"}`, digest: SOME_DIGEST },
    /Expected only one/,
  ),
  c('rollback-digest', 'steps-back', { 'steps-back': '0' }, /from 1 to 50/),
  c('rollback-digest', 'steps-back', { 'steps-back': 'two' }, /Expected a whole/),
  c(
    'rollback-digest',
    'steps-back',
    { 'steps-back': '2', digest: SOME_DIGEST },
    /Expected either steps-back or digest/,
  ),
  c('rollback-digest', 'mode', { mode: 'tag' }, /Expected one of: digest, revision/),
  c('rollback-digest', 'force', { force: 'yes' }, BOOLEAN),
  c('rollback-digest', 'dry-run', { 'dry-run': 'Y' }, BOOLEAN),
  c(
    'rollback-digest',
    'if-deployment-in-progress',
    { 'if-deployment-in-progress': 'abort' },
    /Expected one of: stop, wait, fail/,
  ),
  c('rollback-digest', 'in-progress-timeout', { 'in-progress-timeout': '15' }, DURATION),
  c('rollback-digest', 'timeout', { timeout: '1y' }, DURATION),
  c('ecs-rolling-deploy', 'bake-time', { 'bake-time': '90s' }, /Expected whole minutes/),
  c('ecs-rolling-deploy', 'bake-time', { 'bake-time': '25h' }, /Expected whole minutes/),
  c('ecs-rolling-deploy', 'bake-time', { 'bake-time': '15' }, DURATION),
  // ecs-run-task
  c('ecs-run-task', 'cluster', { cluster: ' ' }, /Expected the ECS cluster name/),
  c('ecs-run-task', 'task-definition', { 'task-definition': '' }, /Expected a task definition/),
  c('ecs-run-task', 'task-definition', { 'task-definition': 'garbage.txt' }, TD_FORM),
  c('ecs-run-task', 'task-definition', { 'task-definition': 'web:one' }, /Expected a task def/),
  c(
    'ecs-run-task',
    'task-definition',
    { 'task-definition': 'arn:aws:ecs:us-east-1:123456789012:service/demo/web' },
    /Expected a task definition file/,
  ),
  c('ecs-run-task', 'command', { command: '[python]' }, /Expected a command line/),
  c('ecs-run-task', 'command', { command: '[]' }, /empty JSON array/),
  c('ecs-run-task', 'command', { command: 'echo "unclosed' }, /Expected a command line/),
  c('ecs-run-task', 'started-by', { 'started-by': 'my run' }, /Expected up to 128 letters/),
  c('ecs-run-task', 'started-by', { 'started-by': 'x'.repeat(129) }, /Expected up to 128/),
  c('ecs-run-task', 'assign-public-ip', { 'assign-public-ip': 'yes' }, /Expected one of: ENA/),
  c('ecs-run-task', 'launch-type', { 'launch-type': 'fargate' }, /Expected one of: FARGATE/),
  c('ecs-run-task', 'if-already-running', { 'if-already-running': 'stop' }, /one of: wait, f/),
  c('ecs-run-task', 'wait', { wait: 'no' }, BOOLEAN),
  c('ecs-run-task', 'timeout', { timeout: '30' }, DURATION),
  c('ecs-run-task', 'timeout', { timeout: '0s' }, DURATION),
  c('ecs-run-task', 'log-lines', { 'log-lines': '5000' }, /from 0 to 1000/),
  c('ecs-run-task', 'environment-variables', { 'environment-variables': 'NOEQUALS' }, /KEY=VALUE/),
  c('ecs-run-task', 'container-name', { 'container-name': 'worker' }, /Expected one of: app/),
  c('ecs-run-task', 'command', { command: '' }, /Expected the one-off command/),
  c('ecs-run-task', 'subnets', { service: '' }, /Expected the subnet ids/),
  // Defects the first version of this matrix found, fixed in 1bfb240.
  c(
    'push-ecr-digest',
    'repository',
    { repository: `${OTHER_ACCOUNT_HOST}/web` },
    /Expected an ECR repository name[\s\S]*registry host is derived in this job/,
  ),
  c(
    'render-task-def',
    'environment-variables',
    // A leading digit is a name ECS runs (held-out-render.test.ts); a blank is not.
    { 'environment-variables': '"BAD NAME": x' },
    /"BAD NAME"[\s\S]*Expected a name without "="/,
  ),
  c('render-task-def', 'task-definition', { 'task-definition': 'empty.json' }, TD_FORM),
  c('ecs-rolling-deploy', 'task-definition', { 'task-definition': 'empty.json' }, TD_FORM),
  c(
    'render-task-def',
    'secrets',
    { secrets: 'DB=arn:aws:s3:us-east-1:123456789012:config' },
    /Secrets Manager[\s\S]*SSM/,
  ),
  c('render-task-def', 'cpu', { cpu: 'lots' }, /Expected|write it like/),
  c('render-task-def', 'memory', { memory: '1 TB' }, /Expected|write it like/),
  c(
    'render-task-def',
    'registry',
    { image: SOME_DIGEST, repository: 'web', registry: OTHER_ACCOUNT_HOST },
    /123456789012/,
  ),
  c(
    'render-task-def',
    'registry',
    {
      image: SOME_DIGEST,
      repository: 'web',
      registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    },
    /us-east-1/,
  ),
  c(
    'ecs-rolling-deploy',
    'task-definition',
    { 'task-definition': 'td-task-role.json' },
    /taskRoleArn[\s\S]*999999999999[\s\S]*123456789012/,
  ),
  c(
    'wait-healthy',
    'deployment-id',
    { 'deployment-id': 'not-an-id', timeout: '3s' },
    /Expected .*ecs-svc\//,
  ),
  c(
    'render-task-def',
    'log-driver',
    { 'log-driver': 'cloudwatch' },
    /(?:Expected|[Uu]se) one of:? .*awslogs/,
  ),
];

/**
 * Cases an action gets wrong today: the right expectation, marked `it.failing` so the suite stays
 * green until the action is fixed (then jest reports the case as passing unexpectedly: drop it
 * from this list). Each names its defect.
 */
const DEFECTS: [string, Case, string][] = [];

let fixture: SimFixture;

beforeAll(async () => {
  fixture = await simFixture(seedWithImages({ v2: '' }));
  const file = (name: string, text: string): void => {
    writeFileSync(join(fixture.workspace, name), text);
  };
  fixture.writeTaskDefinition('td.json', `${fixture.registry}/web@${SOME_DIGEST}`);
  fixture.writeTaskDefinition('td-task-role.json', `${fixture.registry}/web@${SOME_DIGEST}`, {
    taskRoleArn: 'arn:aws:iam::999999999999:role/app',
  });
  file('garbage.txt', 'family: web\n  containerDefinitions: [ {\n: : :\n');
  file('array.json', '[{"name":"app","image":"web"}]');
  file('empty.json', '  \n');
  file(
    'huge.json',
    JSON.stringify({
      family: 'web',
      containerDefinitions: [{ name: 'app', image: 'web' }],
      padding: 'x'.repeat(10 * 1024 * 1024),
    }),
  );
}, 60_000);
afterAll(async () => {
  await fixture.close();
});

async function run(testCase: Case, verbose = true): Promise<void> {
  await bundleReady(testCase.action);
  const mark = fixture.sim.log.mark();
  const result = await fixture.step(
    testCase.action,
    { ...BASE[testCase.action], ...testCase.inputs },
    { env: { ...GITHUB_ENV, ...testCase.env } },
  );
  try {
    expectRefused(result, testCase.input, testCase.expected);
  } catch (error) {
    if (verbose) console.error(describeStep(result));
    throw error;
  }
  expect(fixture.mutatingSince(mark)).toEqual([]);
}

describe('bad inputs fail before any change, naming the input and its form', () => {
  it.each(CASES)('%s', async (_name, testCase) => {
    await run(testCase);
  });
  const defects = DEFECTS.map(([name, testCase, defect]): [string, Case] => [
    `${name} — defect: ${defect}`,
    testCase,
  ]);
  if (defects.length > 0) {
    it.failing.each(defects)('%s', async (_name, testCase) => {
      await run(testCase, false);
    });
  }
});
