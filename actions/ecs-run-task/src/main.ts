import { readFileSync, statSync } from 'node:fs';
import { ACTIONS_VERSION, ActionError, runAction } from '@ecs-deploy/action-kit';
import { awsExplainer, awsSettingsFrom, sdkEcsApi, sdkLogsApi } from '@ecs-deploy/aws';
import { systemClock } from '@ecs-deploy/deployment';
import { readInputs } from './inputs.js';
import { runOneOff } from './run.js';

await runAction('ecs-run-task', async ({ inputs, outputs, log, summary, env, signal }) => {
  // A file of that name: a directory named like a family (`web/`) is not a task definition.
  const isFile = (path: string): boolean =>
    statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  const parsed = readInputs(inputs, isFile);
  const settings = awsSettingsFrom(env, 'ecs-run-task', ACTIONS_VERSION);
  const explain = awsExplainer({
    params: {
      cluster: 'cluster',
      service: 'service',
      services: 'service',
      taskDefinition: 'task-definition',
    },
    given: (name) => inputs.optional(name),
  });
  const outcome = await runOneOff(parsed, {
    ecs: sdkEcsApi(settings, explain),
    logsIn: (region) => sdkLogsApi({ ...settings, region }, explain),
    region: settings.region,
    readFile: (path) => readFileSync(path, 'utf8'),
    env,
    clock: systemClock,
    log,
    summary,
    signal,
  });
  const verdict = outcome.verdict;
  outputs.setAll({
    'task-arn': outcome.taskArn,
    'task-definition-arn': outcome.taskDefinitionArn,
    'log-url': outcome.logUrl,
    'exit-code': verdict?.exitCode === undefined ? '' : String(verdict.exitCode),
    'stopped-reason': verdict?.stoppedReason ?? '',
  });
  if (verdict && !verdict.ok) {
    throw new ActionError(verdict.message, verdict.hint);
  }
});
