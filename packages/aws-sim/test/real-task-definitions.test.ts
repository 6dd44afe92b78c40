import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { stripReadOnlyFields, type TaskDefinitionDocument } from '@ecs-deploy/task-definition';
import { startSimulator, type Simulator } from '../src/index.js';
import { clientsFor, type Clients } from './helpers.js';

// The 24 real-world task definitions collected by the task-definition package: every one that
// AWS would accept must register here too, and the known-invalid ones must fail with ECS's text.
const dir = fileURLToPath(new URL('../../task-definition/test/fixtures/', import.meta.url));
const EXPECTED_INVALID: Record<string, RegExp> = {
  // Environment variable and secret both named FOO.
  '06-ecspresso-ssm-secretsmanager-jsonkey-tags.json': /^The secret name must be unique/,
  // A --generate-cli-skeleton: empty strings and zeros everywhere, starting with the family.
  '07-cli-skeleton-linuxparameters-gelf.json': /'family'/,
  // A jq projection: no family, no memory anywhere.
  '24-partial-describe-no-family-crlf.json': /memory|family/,
};

function load(file: string): RegisterTaskDefinitionCommandInput {
  const raw = JSON.parse(readFileSync(`${dir}${file}`, 'utf8').replace(/^\uFEFF/, '')) as Record<
    string,
    unknown
  >;
  const doc = (
    typeof raw.taskDefinition === 'object' && raw.taskDefinition !== null ? raw.taskDefinition : raw
  ) as Record<string, unknown>;
  const writable = stripReadOnlyFields(doc as TaskDefinitionDocument);
  // Console exports carry explicit nulls; the SDK would send them, ECS treats them as absent.
  return JSON.parse(
    JSON.stringify(writable, (_k, v: unknown) => (v === null ? undefined : v)),
  ) as RegisterTaskDefinitionCommandInput;
}

describe('real-world task definitions (fixtures of packages/task-definition)', () => {
  let sim: Simulator;
  let aws: Clients;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  beforeAll(async () => {
    sim = await startSimulator({ seed: {} });
    aws = clientsFor(sim, 1);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  it('has the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s', async (file) => {
    const input = load(file);
    const send = aws.ecs.send(
      new RegisterTaskDefinitionCommand({ ...input, family: input.family ?? 'fixture' }),
    );
    const invalid = EXPECTED_INVALID[file];
    if (invalid) {
      await expect(send).rejects.toMatchObject({
        $fault: 'client',
        message: expect.stringMatching(invalid),
      });
      return;
    }
    const out = await send;
    const arn = out.taskDefinition?.taskDefinitionArn ?? '';
    const back = await aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
    expect(back.taskDefinition?.containerDefinitions?.map((c) => c.name)).toEqual(
      input.containerDefinitions?.map((c) => c.name),
    );
  });
});
