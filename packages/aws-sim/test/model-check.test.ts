import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import {
  AwsError,
  defaultModelCheckMode,
  ModelViolationError,
  startSimulator,
  type Handler,
  type Simulator,
} from '../src/index.js';
import { ECS_OPERATIONS } from '../src/ecs/operations.js';
import { ECR_OPERATIONS } from '../src/ecr/operations.js';
import { ELBV2_OPERATIONS } from '../src/elbv2/operations.js';
import { CLOUDWATCH_OPERATIONS } from '../src/cloudwatch/operations.js';
import { LOGS_OPERATIONS } from '../src/logs/operations.js';
import { STS_OPERATIONS } from '../src/sts/operations.js';
import { loadModel, MODEL_FILE } from '../src/model/models.js';
import { clientsFor } from './helpers.js';

interface Answer {
  status: number;
  body: string;
}

async function postJson(sim: Simulator, target: string, body: unknown): Promise<Answer> {
  const res = await fetch(sim.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = JSON.parse(text) as { __type?: string; message?: string };
  // Errors as `code: message`, so the tests read the message unescaped.
  return {
    status: res.status,
    body: parsed.__type !== undefined ? `${parsed.__type}: ${parsed.message ?? ''}` : text,
  };
}

async function postQuery(sim: Simulator, form: string): Promise<Answer> {
  const res = await fetch(sim.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const xml = await res.text();
  return { status: res.status, body: xml.replace(/&apos;/g, "'").replace(/&quot;/g, '"') };
}

const ECS = 'AmazonEC2ContainerServiceV20141113.';
const ECR = 'AmazonEC2ContainerRegistry_V20150921.';

describe('the model check mode', () => {
  it.each([
    [{ JEST_WORKER_ID: '1' }, 'strict'],
    [{}, 'requests'],
    [{ AWS_SIM_MODEL_CHECK: 'strict' }, 'strict'],
    [{ JEST_WORKER_ID: '1', AWS_SIM_MODEL_CHECK: 'off' }, 'off'],
  ])('%j → %s', (env, mode) => {
    expect(defaultModelCheckMode(env)).toBe(mode);
  });

  it('is strict in this very test run, and a default simulator knows it', async () => {
    expect(defaultModelCheckMode()).toBe('strict');
    const sim = await startSimulator({ seed: {} });
    expect(sim.models.mode).toBe('strict');
    await sim.close();
  });

  it('refuses an unknown mode name', () => {
    expect(() => defaultModelCheckMode({ AWS_SIM_MODEL_CHECK: 'lenient' })).toThrow(
      'model check mode must be one of strict, requests, off',
    );
  });
});

describe('every operation the simulator implements is in the extracted model', () => {
  const tables = {
    ecs: ECS_OPERATIONS,
    ecr: ECR_OPERATIONS,
    sts: STS_OPERATIONS,
    elasticloadbalancing: ELBV2_OPERATIONS,
    logs: LOGS_OPERATIONS,
    monitoring: CLOUDWATCH_OPERATIONS,
  } as const;
  it.each(Object.entries(tables))('%s', (service, table) => {
    const model = loadModel(MODEL_FILE[service as keyof typeof tables]);
    // If this fails, add the operation to SERVICES in scripts/extract-aws-models.py and re-run it.
    expect(Object.keys(table).sort()).toEqual(Object.keys(model.operations).sort());
    for (const op of Object.values(model.operations)) {
      for (const shape of [op.input?.shape, op.output?.shape, ...op.errors])
        if (shape !== undefined) expect(model.shapes[shape]).toBeDefined();
    }
  });
});

describe('requests that break the model get AWS’s errors', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ modelCheck: 'strict' });
  });
  afterAll(async () => {
    await sim.close();
  });

  const cases: [string, () => Promise<Answer>, number, string, string][] = [
    [
      'ECS: a string where an integer belongs',
      () =>
        postJson(sim, `${ECS}UpdateService`, {
          cluster: 'demo',
          service: 'web',
          desiredCount: '3',
        }),
      400,
      'SerializationException',
      'STRING_VALUE cannot be converted to Integer',
    ],
    [
      'ECS: an unknown member (a typo)',
      () =>
        postJson(sim, `${ECS}UpdateService`, { cluster: 'demo', service: 'web', desiredCnt: 3 }),
      400,
      'InvalidParameterException',
      "'desiredCnt' is not a member of UpdateServiceRequest",
    ],
    [
      'ECS: a value outside an enum',
      () =>
        postJson(sim, `${ECS}UpdateService`, {
          cluster: 'demo',
          service: 'web',
          propagateTags: 'EVERYTHING',
        }),
      400,
      'InvalidParameterException',
      "1 validation error detected: Value 'EVERYTHING' at 'propagateTags' failed to satisfy constraint: Member must satisfy enum value set: [TASK_DEFINITION, SERVICE, NONE]",
    ],
    [
      'ECS: a missing required member, deep',
      () =>
        postJson(sim, `${ECS}UpdateService`, {
          cluster: 'demo',
          service: 'web',
          deploymentController: {},
        }),
      400,
      'InvalidParameterException',
      "Value null at 'deploymentController.type' failed to satisfy constraint: Member must not be null",
    ],
    [
      'ECR: a repository name off the pattern, in ECR’s words',
      () => postJson(sim, `${ECR}DescribeRepositories`, { repositoryNames: ['Web'] }),
      400,
      'InvalidParameterException',
      "Invalid parameter at 'repositoryNames[0]' failed to satisfy constraint: 'must satisfy regular expression '[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*''",
    ],
    [
      'ELBv2: a port that is no number',
      () =>
        postQuery(
          sim,
          'Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn=arn&Targets.member.1.Id=i&Targets.member.1.Port=http',
        ),
      400,
      '<Code>ValidationError</Code>',
      "Value 'http' at 'Targets[0].Port' failed to satisfy constraint: Member must be a 32-bit integer",
    ],
    [
      'STS: a parameter GetCallerIdentity does not take',
      () => postQuery(sim, 'Action=GetCallerIdentity&Version=2011-06-15&RoleArn=x'),
      400,
      '<Code>ValidationError</Code>',
      "'RoleArn' is not a member of GetCallerIdentityRequest",
    ],
  ];

  it.each(cases)('%s', async (_name, send, status, code, message) => {
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.body).toContain(code);
    expect(answer.body).toContain(message);
  });

  it('lets a conforming request through to its handler', async () => {
    const answer = await postJson(sim, `${ECS}DescribeServices`, {
      cluster: 'demo',
      services: ['web'],
      include: ['TAGS'],
    });
    expect(answer.status).toBe(200);
    expect(sim.log.entries({ operation: 'DescribeServices' }).at(-1)?.status).toBe(200);
  });
});

describe('a response that breaks the model fails the test (strict mode)', () => {
  // A deliberately broken DescribeServices: an enum value the model does not have, and a
  // timestamp as an ISO string where awsJson sends epoch seconds.
  const broken: Handler = () => ({
    services: [
      {
        serviceName: 'web',
        deploymentConfiguration: { strategy: 'SIDEWAYS' },
        createdAt: '2026-01-01T00:00:00Z',
      },
    ],
    failures: [],
  });

  it('answers 500 InternalFailure naming operation, path and rule, and close() throws', async () => {
    const sim = await startSimulator({
      modelCheck: 'strict',
      handlers: { ecs: { DescribeServices: broken } },
    });
    const aws = clientsFor(sim, 1);
    try {
      await expect(
        aws.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })),
      ).rejects.toMatchObject({
        name: 'InternalFailure',
        $metadata: { httpStatusCode: 500 },
        message: expect.stringContaining(
          'ecs:DescribeServices response breaks the AWS model (botocore 1.43.11): services[0].deploymentConfiguration.strategy: enum: must satisfy enum value set: [ROLLING, BLUE_GREEN',
        ),
      });
      expect(sim.modelViolations()).toEqual([
        expect.objectContaining({
          service: 'ecs',
          operation: 'DescribeServices',
          violations: [
            expect.objectContaining({
              path: 'services[0].deploymentConfiguration.strategy',
              rule: 'enum',
            }),
            expect.objectContaining({ path: 'services[0].createdAt', rule: 'type' }),
          ],
        }),
      ]);
    } finally {
      aws.destroy();
    }
    const closing = sim.close();
    await expect(closing).rejects.toBeInstanceOf(ModelViolationError);
    await expect(closing).rejects.toThrow(
      'services[0].createdAt: type: must be a timestamp in epoch seconds',
    );
  });

  it('treats an error the operation does not declare as a malformed response', async () => {
    const undeclared: Handler = () => {
      throw new AwsError('RepositoryNotFoundException', 'not an ECS error');
    };
    const sim = await startSimulator({
      modelCheck: 'strict',
      handlers: { ecs: { DescribeServices: undeclared } },
    });
    const answer = await postJson(sim, `${ECS}DescribeServices`, {
      cluster: 'demo',
      services: ['web'],
    });
    expect(answer.status).toBe(500);
    expect(answer.body).toContain(
      'InternalFailure: Simulator bug: ecs:DescribeServices answered RepositoryNotFoundException',
    );
    await expect(sim.close()).rejects.toThrow(
      'undeclared-error: must be one of the errors DescribeServices declares: [AccessDeniedException, ClientException, ClusterNotFoundException, InvalidParameterException, ServerException] (got RepositoryNotFoundException)',
    );
  });

  it('lets declared errors through, with the code the model gives them (ELBv2 TargetGroupNotFound)', async () => {
    const sim = await startSimulator({ modelCheck: 'strict' });
    const answer = await postQuery(
      sim,
      'Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn=arn%3Aaws%3Anope',
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>TargetGroupNotFound</Code>');
    await expect(sim.close()).resolves.toBeUndefined();
  });

  it('sends the broken response as it is when checks are off (and close() does not throw)', async () => {
    const sim = await startSimulator({
      modelCheck: 'off',
      handlers: { ecs: { DescribeServices: broken } },
    });
    const answer = await postJson(sim, `${ECS}DescribeServices`, {
      cluster: 'demo',
      services: ['web'],
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({
      services: [{ deploymentConfiguration: { strategy: 'SIDEWAYS' } }],
    });
    await expect(sim.close()).resolves.toBeUndefined();
  });

  it('in requests mode still refuses bad requests but lets responses through', async () => {
    const sim = await startSimulator({
      modelCheck: 'requests',
      handlers: { ecs: { DescribeServices: broken } },
    });
    const bad = await postJson(sim, `${ECS}DescribeServices`, { cluster: 'demo', services: 'web' });
    expect(bad).toMatchObject({ status: 400 });
    expect(bad.body).toContain('SerializationException');
    const answer = await postJson(sim, `${ECS}DescribeServices`, {
      cluster: 'demo',
      services: ['web'],
    });
    expect(answer.status).toBe(200);
    await expect(sim.close()).resolves.toBeUndefined();
  });
});
