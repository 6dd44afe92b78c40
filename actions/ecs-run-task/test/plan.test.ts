import { describe, expect, it } from '@jest/globals';
import type { Service } from '@aws-sdk/client-ecs';
import { ActionError, InputError } from '@ecs-deploy/action-kit';
import type { NetworkInputs, RunInputs } from '../src/inputs.js';
import * as aws from '@ecs-deploy/aws';
import * as planModule from '../src/plan.js';
import {
  checkRunnable,
  chooseContainer,
  defaultStartedBy,
  planRun,
  taskConsoleUrl,
  type Definition,
  type RunPlan,
} from '../src/plan.js';

// logStreamName and logConsoleUrl are moving from src/plan.ts to @ecs-deploy/aws (shared with the
// deployment follower): tested wherever they are now.
type Exported = Readonly<Record<string, unknown>>;
const located = (name: string): unknown =>
  (planModule as unknown as Exported)[name] ?? (aws as unknown as Exported)[name];
const logStreamName = located('logStreamName') as (
  logs: NonNullable<RunPlan['logs']>,
  container: string,
  taskId: string,
) => string;
const logConsoleUrl = located('logConsoleUrl') as (
  region: string,
  group: string,
  stream: string,
) => string;

/** Checked inputs: those of a step with only cluster, task-definition and `over`. */
function inputs(over: Partial<RunInputs> = {}): RunInputs {
  return {
    cluster: 'demo',
    definition: { kind: 'registered', name: 'migrate:3' },
    network: {},
    environment: new Map(),
    ifRunning: 'wait',
    wait: true,
    timeoutMs: 1_800_000,
    logLines: 50,
    ...over,
  };
}

const AWSLOGS = {
  logDriver: 'awslogs',
  options: {
    'awslogs-group': '/ecs/web',
    'awslogs-region': 'eu-west-1',
    'awslogs-stream-prefix': 'web',
  },
};

/** A Fargate, awsvpc definition of family `web`: container `app`, plus `extra`. */
function definition(over: Record<string, unknown> = {}, extra: unknown[] = []): Definition {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    containerDefinitions: [
      { name: 'app', image: 'web:1', essential: true, logConfiguration: AWSLOGS },
      ...extra,
    ],
    ...over,
  };
}

const SERVICE: Service = {
  serviceName: 'web',
  status: 'ACTIVE',
  launchType: 'FARGATE',
  platformVersion: '1.4.0',
  networkConfiguration: {
    awsvpcConfiguration: {
      subnets: ['subnet-svc-a', 'subnet-svc-b'],
      securityGroups: ['sg-svc'],
      assignPublicIp: 'ENABLED',
    },
  },
};

/** The InputError `f` throws (the test fails when it throws something else, or nothing). */
function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('no error was thrown');
}

const COMMAND = ['python', 'manage.py', 'migrate'];

describe('chooseContainer', () => {
  const two = (sidecarEssential: boolean, appEssential = true): Definition => ({
    containerDefinitions: [
      { name: 'app', essential: appEssential },
      { name: 'sidecar', essential: sidecarEssential },
    ],
  });

  it.each<[string, Definition, string | undefined, string]>([
    ['the one named', two(true), 'sidecar', 'sidecar'],
    ['the one named, even when not essential', two(false), 'sidecar', 'sidecar'],
    ['the only container', { containerDefinitions: [{ name: 'solo' }] }, undefined, 'solo'],
    [
      'the only container, even when not essential',
      { containerDefinitions: [{ name: 'solo', essential: false }] },
      undefined,
      'solo',
    ],
    ['the only essential one', two(false), undefined, 'app'],
    ['the only essential one, listed second', two(true, false), undefined, 'sidecar'],
  ])('chooses %s', (_what, def, wanted, name) => {
    expect(chooseContainer(def, wanted).name).toBe(name);
  });

  it('reads essential as true unless it is false', () => {
    expect(
      chooseContainer({ containerDefinitions: [{ name: 'a', command: ['x'] }] }, undefined),
    ).toEqual({ name: 'a', essential: true, command: ['x'] });
  });

  it('refuses a name that is not a container, listing the names', () => {
    const error = inputError(() => chooseContainer(two(true), 'worker'));
    expect(error.input).toBe('container-name');
    expect(error.message).toBe(
      `Input 'container-name' is "worker", which is not a container of the task definition. Expected one of: app, sidecar.`,
    );
  });

  it.each<[string, Definition, string]>([
    ['two essential containers', two(true), '2 containers (app, sidecar)'],
    ['no essential container of two', two(false, false), '2 containers (app, sidecar)'],
    ['no containers', { containerDefinitions: [] }, '0 containers ()'],
    ['no containerDefinitions', {}, '0 containers ()'],
  ])(
    'refuses an empty name with %s, naming container-name and listing the names',
    (_w, def, has) => {
      const error = inputError(() => chooseContainer(def, undefined));
      expect(error.input).toBe('container-name');
      expect(error.message).toBe(
        `Input 'container-name' is empty, and the task definition has ${has}. Expected the name of the container whose command to run.`,
      );
    },
  );
});

describe('checkRunnable', () => {
  it('accepts a command input, or the definition’s own command', () => {
    expect(checkRunnable(inputs({ command: COMMAND }), definition()).name).toBe('app');
    const own = definition({
      containerDefinitions: [{ name: 'app', command: ['./migrate.sh'] }],
    });
    expect(checkRunnable(inputs(), own).name).toBe('app');
  });

  it.each<[string, unknown]>([
    ['no command', undefined],
    ['a command that is not a list', './migrate.sh'],
  ])('refuses no command input when the container has %s', (_what, command) => {
    const def = definition({ containerDefinitions: [{ name: 'app', command }] });
    const error = inputError(() => checkRunnable(inputs(), def));
    expect(error.input).toBe('command');
    expect(error.message).toBe(
      "Input 'command' is empty, and container 'app' has no command in the task definition. Expected the one-off command, e.g. `python manage.py migrate --noinput`.",
    );
    expect(error.hint).toMatch(/default command.*never exits/);
  });

  it('checks the container first', () => {
    expect(
      inputError(() => checkRunnable(inputs({ containerName: 'nope' }), definition())).input,
    ).toBe('container-name');
  });
});

/** planRun's placement fields only. */
function placementOf(
  plan: RunPlan,
): Pick<
  RunPlan,
  'networkConfiguration' | 'launchType' | 'capacityProviderStrategy' | 'platformVersion'
> {
  const { networkConfiguration, launchType, capacityProviderStrategy, platformVersion } = plan;
  return Object.fromEntries(
    Object.entries({
      networkConfiguration,
      launchType,
      capacityProviderStrategy,
      platformVersion,
    }).filter(([, v]) => v !== undefined),
  );
}

const STRATEGY = [
  { capacityProvider: 'FARGATE_SPOT', weight: 3 },
  { capacityProvider: 'FARGATE', weight: 1, base: 1 },
];

describe('planRun placement', () => {
  const vpc = (
    subnets: string[],
    securityGroups: string[],
    assignPublicIp: 'ENABLED' | 'DISABLED',
  ): RunPlan['networkConfiguration'] => ({
    awsvpcConfiguration: { subnets, securityGroups, assignPublicIp },
  });

  it.each<[string, NetworkInputs, Service | undefined, Definition, ReturnType<typeof placementOf>]>(
    [
      [
        'the service’s network, launch type and platform',
        {},
        SERVICE,
        definition(),
        {
          networkConfiguration: vpc(['subnet-svc-a', 'subnet-svc-b'], ['sg-svc'], 'ENABLED'),
          launchType: 'FARGATE',
          platformVersion: '1.4.0',
        },
      ],
      [
        'inputs override each thing they name',
        {
          subnets: ['subnet-1'],
          securityGroups: ['sg-1', 'sg-2'],
          assignPublicIp: 'DISABLED',
          platformVersion: 'LATEST',
        },
        SERVICE,
        definition(),
        {
          networkConfiguration: vpc(['subnet-1'], ['sg-1', 'sg-2'], 'DISABLED'),
          launchType: 'FARGATE',
          platformVersion: 'LATEST',
        },
      ],
      [
        'subnets alone: the service’s security groups and public IP kept',
        { subnets: ['subnet-1'] },
        SERVICE,
        definition(),
        {
          networkConfiguration: vpc(['subnet-1'], ['sg-svc'], 'ENABLED'),
          launchType: 'FARGATE',
          platformVersion: '1.4.0',
        },
      ],
      [
        'launch-type EC2 over a Fargate service: no platform version',
        { launchType: 'EC2' },
        SERVICE,
        definition(),
        {
          networkConfiguration: vpc(['subnet-svc-a', 'subnet-svc-b'], ['sg-svc'], 'ENABLED'),
          launchType: 'EC2',
        },
      ],
      [
        'a service with a capacity provider strategy: copied, no launch type',
        {},
        { ...SERVICE, launchType: undefined, capacityProviderStrategy: STRATEGY },
        definition(),
        {
          networkConfiguration: vpc(['subnet-svc-a', 'subnet-svc-b'], ['sg-svc'], 'ENABLED'),
          capacityProviderStrategy: STRATEGY,
          platformVersion: '1.4.0',
        },
      ],
      [
        'a strategy wins over the launch type the service reports',
        {},
        { ...SERVICE, launchType: 'FARGATE', capacityProviderStrategy: STRATEGY },
        definition(),
        {
          networkConfiguration: vpc(['subnet-svc-a', 'subnet-svc-b'], ['sg-svc'], 'ENABLED'),
          capacityProviderStrategy: STRATEGY,
          platformVersion: '1.4.0',
        },
      ],
      [
        'launch-type input over a service’s strategy: no strategy',
        { launchType: 'FARGATE' },
        { ...SERVICE, launchType: undefined, capacityProviderStrategy: STRATEGY },
        definition(),
        {
          networkConfiguration: vpc(['subnet-svc-a', 'subnet-svc-b'], ['sg-svc'], 'ENABLED'),
          launchType: 'FARGATE',
          platformVersion: '1.4.0',
        },
      ],
      [
        'an EC2 service',
        {},
        { ...SERVICE, launchType: 'EC2', platformVersion: undefined },
        definition({ requiresCompatibilities: ['EC2'] }),
        {
          networkConfiguration: vpc(['subnet-svc-a', 'subnet-svc-b'], ['sg-svc'], 'ENABLED'),
          launchType: 'EC2',
        },
      ],
      [
        'a Fargate definition without a service: FARGATE, public IP DISABLED',
        { subnets: ['subnet-1'] },
        undefined,
        definition(),
        { networkConfiguration: vpc(['subnet-1'], [], 'DISABLED'), launchType: 'FARGATE' },
      ],
      [
        'a Fargate definition without a service, platform given',
        { subnets: ['subnet-1'], securityGroups: ['sg-1'], platformVersion: '1.4.0' },
        undefined,
        definition(),
        {
          networkConfiguration: vpc(['subnet-1'], ['sg-1'], 'DISABLED'),
          launchType: 'FARGATE',
          platformVersion: '1.4.0',
        },
      ],
      [
        'a bridge-mode EC2 definition without a service: nothing (the cluster’s default)',
        {},
        undefined,
        definition({ networkMode: 'bridge', requiresCompatibilities: ['EC2'] }),
        {},
      ],
      [
        'a bridge-mode definition with launch-type EXTERNAL',
        { launchType: 'EXTERNAL', platformVersion: '1.4.0' },
        undefined,
        definition({ networkMode: 'bridge', requiresCompatibilities: ['EXTERNAL'] }),
        { launchType: 'EXTERNAL' },
      ],
    ],
  )('%s', (_what, network, service, def, expected) => {
    const plan = planRun(
      inputs({ network, command: COMMAND, ...(service ? { service: 'web' } : {}) }),
      def,
      service,
    );
    expect(placementOf(plan)).toEqual(expected);
  });

  it('copies the service’s lists, never shares them', () => {
    const plan = planRun(inputs({ service: 'web', command: COMMAND }), definition(), SERVICE);
    expect(plan.networkConfiguration?.awsvpcConfiguration?.subnets).not.toBe(
      SERVICE.networkConfiguration?.awsvpcConfiguration?.subnets,
    );
  });

  it.each<[string, Partial<RunInputs>, Service | undefined, string]>([
    [
      'without a service',
      {},
      undefined,
      "Input 'subnets' is empty and no service is given to copy the network from.",
    ],
    [
      'with a service that has no awsvpc configuration',
      { service: 'web' },
      { ...SERVICE, networkConfiguration: undefined },
      "Input 'subnets' is empty and service 'web' has no awsvpc network configuration.",
    ],
    [
      'with a service whose subnets are empty',
      { service: 'web' },
      { ...SERVICE, networkConfiguration: { awsvpcConfiguration: { subnets: [] } } },
      "Input 'subnets' is empty and service 'web' has no awsvpc network configuration.",
    ],
    [
      'with an empty subnets input over the service’s',
      { service: 'web', network: { subnets: [] } },
      SERVICE,
      "Input 'subnets' is empty and service 'web' has no awsvpc network configuration.",
    ],
  ])('refuses an awsvpc definition without subnets %s', (_what, over, service, start) => {
    const error = inputError(() =>
      planRun(inputs({ command: COMMAND, ...over }), definition(), service),
    );
    expect(error.input).toBe('subnets');
    expect(error.message).toBe(
      `${start.slice(0, -1)}. Expected the subnet ids the task runs in (comma-separated), or \`service:\` to copy the network configuration of the service the task belongs to.`,
    );
    expect(error.hint).toBe(
      'The task definition uses networkMode awsvpc, for which RunTask needs subnets.',
    );
  });

  it('refuses subnets for a definition that is not awsvpc (ECS refuses the network configuration)', () => {
    const error = inputError(() =>
      planRun(
        inputs({ command: COMMAND, network: { subnets: ['subnet-1'] } }),
        definition({ networkMode: 'bridge', requiresCompatibilities: ['EC2'] }),
        undefined,
      ),
    );
    expect(error.input).toBe('subnets');
    expect(error.message).toBe(
      "Input 'subnets' is set, but the task definition's networkMode is bridge. Expected subnets only for an awsvpc task definition.",
    );
  });

  it.each(['DRAINING', 'INACTIVE'])('refuses a service that is %s', (status) => {
    let thrown: unknown;
    try {
      planRun(inputs({ service: 'web', command: COMMAND }), definition(), { ...SERVICE, status });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ActionError);
    expect(thrown).not.toBeInstanceOf(InputError);
    expect(thrown).toMatchObject({
      message: `Service 'web' is ${status}; its network configuration cannot be copied.`,
      hint: 'Name an ACTIVE service, or give subnets and security-groups instead.',
    });
  });
});

describe('planRun', () => {
  it('plans the whole RunTask', () => {
    const plan = planRun(
      inputs({
        service: 'web',
        containerName: 'app',
        command: COMMAND,
        environment: new Map([
          ['MODE', 'migrate'],
          ['EMPTY', ''],
        ]),
      }),
      definition({}, [
        { name: 'proxy', essential: true },
        { name: 'init', essential: false },
      ]),
      SERVICE,
    );
    expect(plan).toEqual({
      family: 'web',
      container: 'app',
      essential: ['app', 'proxy'],
      command: COMMAND,
      containerOverride: {
        name: 'app',
        command: COMMAND,
        environment: [
          { name: 'MODE', value: 'migrate' },
          { name: 'EMPTY', value: '' },
        ],
      },
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-svc-a', 'subnet-svc-b'],
          securityGroups: ['sg-svc'],
          assignPublicIp: 'ENABLED',
        },
      },
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      startedBy: defaultStartedBy('web', 'app', COMMAND),
      logs: { group: '/ecs/web', region: 'eu-west-1', streamPrefix: 'web' },
    });
  });

  it('overrides only the container’s name when neither command nor environment is given', () => {
    const def = definition({
      containerDefinitions: [{ name: 'app', command: ['./migrate.sh'] }],
    });
    const plan = planRun(inputs({ network: { subnets: ['s'] } }), def, undefined);
    expect(plan.containerOverride).toEqual({ name: 'app' });
    expect(plan).not.toHaveProperty('command');
    expect(plan.startedBy).toBe(defaultStartedBy('web', 'app', undefined));
    expect(plan).not.toHaveProperty('logs');
  });

  it('keeps a started-by input', () => {
    const plan = planRun(
      inputs({ service: 'web', command: COMMAND, startedBy: 'deploy/migrate' }),
      definition(),
      SERVICE,
    );
    expect(plan.startedBy).toBe('deploy/migrate');
  });

  it.each<[string, unknown, RunPlan['logs']]>([
    [
      'group, region and prefix',
      AWSLOGS,
      { group: '/ecs/web', region: 'eu-west-1', streamPrefix: 'web' },
    ],
    [
      'group only',
      { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } },
      { group: '/ecs/web' },
    ],
    [
      'empty region and prefix as absent',
      {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/g',
          'awslogs-region': '',
          'awslogs-stream-prefix': '',
        },
      },
      { group: '/g' },
    ],
    [
      'no group: none',
      { logDriver: 'awslogs', options: { 'awslogs-region': 'eu-west-1' } },
      undefined,
    ],
    [
      'another driver: none',
      { logDriver: 'json-file', options: { 'awslogs-group': '/g' } },
      undefined,
    ],
    ['FireLens: none', { logDriver: 'awsfirelens', options: { Name: 'cloudwatch' } }, undefined],
  ])('reads the awslogs target: %s', (_what, logConfiguration, logs) => {
    const def = definition({ containerDefinitions: [{ name: 'app', logConfiguration }] });
    const plan = planRun(inputs({ command: COMMAND, network: { subnets: ['s'] } }), def, undefined);
    expect(plan.logs).toEqual(logs);
  });

  it('reads the log target of the chosen container, not the first', () => {
    const def = definition({
      containerDefinitions: [
        { name: 'proxy', logConfiguration: AWSLOGS },
        {
          name: 'app',
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/app' } },
        },
      ],
    });
    const plan = planRun(
      inputs({ containerName: 'app', command: COMMAND, network: { subnets: ['s'] } }),
      def,
      undefined,
    );
    expect(plan.logs).toEqual({ group: '/ecs/app' });
  });
});

describe('defaultStartedBy', () => {
  const RULE = /^[\w/-]{1,128}$/;

  it('has the documented form', () => {
    expect(defaultStartedBy('web', 'app', COMMAND)).toMatch(
      /^ecs-run-task\/web\/app\/[0-9a-f]{8}$/,
    );
  });

  it('is the same for the same family, container and command', () => {
    expect(defaultStartedBy('web', 'app', COMMAND)).toBe(
      defaultStartedBy('web', 'app', [...COMMAND]),
    );
    expect(defaultStartedBy('web', 'app', undefined)).toBe(
      defaultStartedBy('web', 'app', undefined),
    );
  });

  it.each<[string, readonly string[] | undefined, readonly string[] | undefined]>([
    ['another command', COMMAND, ['python', 'manage.py', 'collectstatic']],
    ['the same words split differently', ['a b', 'c'], ['a', 'b c']],
    ['the definition’s command', COMMAND, undefined],
    ['an empty argument', ['echo'], ['echo', '']],
  ])('differs for %s', (_what, a, b) => {
    expect(defaultStartedBy('web', 'app', a)).not.toBe(defaultStartedBy('web', 'app', b));
  });

  it('differs by family and by container', () => {
    const base = defaultStartedBy('web', 'app', COMMAND);
    expect(defaultStartedBy('api', 'app', COMMAND)).not.toBe(base);
    expect(defaultStartedBy('web', 'worker', COMMAND)).not.toBe(base);
  });

  it.each<[string, string]>([
    ['f'.repeat(255), 'app'],
    ['f'.repeat(255), 'c'.repeat(255)],
    ['web', 'c'.repeat(255)],
    ['web.v2', 'app:main'],
    ['wéb', 'app name'],
    ['', ''],
  ])('follows ECS’s startedBy rule for family %j, container %j', (family, container) => {
    const by = defaultStartedBy(family, container, COMMAND);
    expect(by).toMatch(RULE);
    expect(by.length).toBeLessThanOrEqual(128);
  });

  it('replaces what startedBy does not allow with -', () => {
    expect(defaultStartedBy('web.v2', 'app:main', COMMAND)).toMatch(
      /^ecs-run-task\/web-v2\/app-main\/[0-9a-f]{8}$/,
    );
  });
});

describe('logStreamName', () => {
  it.each<[RunPlan['logs'] & object, string]>([
    [{ group: '/ecs/web', streamPrefix: 'web' }, 'web/app/abc123'],
    [{ group: '/ecs/web', streamPrefix: 'ecs/prod' }, 'ecs/prod/app/abc123'],
    [{ group: '/ecs/web' }, 'app/abc123'],
  ])('%j', (logs, name) => {
    expect(logStreamName(logs, 'app', 'abc123')).toBe(name);
  });
});

describe('console addresses', () => {
  it('escapes the log group and stream as the CloudWatch console does ($252F for /)', () => {
    expect(logConsoleUrl('eu-west-1', '/ecs/web', 'web/app/abc')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fecs$252Fweb/log-events/web$252Fapp$252Fabc',
    );
  });

  it('escapes other characters twice too', () => {
    expect(logConsoleUrl('us-east-1', 'my group#1', 'a b')).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/my$2520group$25231/log-events/a$2520b',
    );
  });

  it.each(['arn:aws:ecs:eu-west-1:123456789012:cluster/demo', 'demo'])(
    'links the ECS console’s task page for cluster %s',
    (cluster) => {
      expect(taskConsoleUrl('eu-west-1', cluster, '0123456789abcdef0123456789abcdef')).toBe(
        'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/demo/tasks/0123456789abcdef0123456789abcdef/configuration?region=eu-west-1',
      );
    },
  );
});
