import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ACTIONS_VERSION, findInputSource, runAction } from '@ecs-deploy/action-kit';
import { awsExplainer, awsSettingsFrom, sdkEcsApi, sdkStsApi, type EcsApi } from '@ecs-deploy/aws';
import { readInputs } from './inputs.js';
import { logRendered } from './log-report.js';
import { writeRenderedFile } from './output-file.js';
import { checkRegistryHost, hasCredentials, registryHost } from './registry.js';
import { render } from './render.js';
import { renderSummary } from './summary.js';

await runAction('render-task-def', async ({ inputs, outputs, log, summary, env }) => {
  const parsed = readInputs(inputs);
  const settings = (): ReturnType<typeof awsSettingsFrom> =>
    awsSettingsFrom(env, 'render-task-def', ACTIONS_VERSION);
  const explain = awsExplainer({
    params: {
      cluster: 'cluster',
      services: 'service',
      // Blamed on the input only when the request carries its value (see InputMap.given).
      taskDefinition:
        inputs.optional('task-definition-arn') === undefined
          ? 'task-definition-family'
          : 'task-definition-arn',
    },
    given: (name) => inputs.optional(name),
  });
  let ecs: EcsApi | undefined;
  let registry: Promise<string> | undefined;
  let account: Promise<string> | undefined;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const result = await render(parsed, {
    readFile: (path) => readFileSync(path, 'utf8'),
    inputSource: (input) => findInputSource(env, 'render-task-def', input),
    ecs: () => (ecs ??= sdkEcsApi(settings(), explain)),
    registryHost: () =>
      (registry ??= registryHost(
        parsed.registry,
        parsed.allowForeignRegistry,
        region,
        hasCredentials(env) ? () => sdkStsApi(settings()) : undefined,
      )),
    checkImageHost: (input, host, where) =>
      checkRegistryHost(
        input,
        host,
        parsed.allowForeignRegistry,
        region,
        hasCredentials(env)
          ? () =>
              (account ??= sdkStsApi(settings())
                .callerIdentity()
                .then((id) => id.account))
          : undefined,
        where,
      ),
  });
  const file = writeRenderedFile(result, env.RUNNER_TEMP ?? tmpdir(), (path, text) => {
    writeFileSync(path, text);
  });
  await logRendered(result, log);
  outputs.setAll({
    'task-definition': file,
    images: result.images,
    family: result.family,
    changed: result.changed,
    diff: result.patch,
  });
  summary.add(renderSummary(result));
});
