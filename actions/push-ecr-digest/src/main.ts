import { ACTIONS_VERSION, runAction } from '@ecs-deploy/action-kit';
import { awsExplainer, awsSettingsFrom, sdkEcrApi } from '@ecs-deploy/aws';
import { dockerCli } from './docker.js';
import { readInputs } from './inputs.js';
import { push } from './push.js';

await runAction('push-ecr-digest', async ({ inputs, outputs, log, summary, env, signal }) => {
  const parsed = readInputs(inputs);
  const explain = awsExplainer({
    params: {
      repositoryName: 'repository',
      repositoryNames: 'repository',
      registryId: 'registry-id',
    },
    given: (name) => inputs.optional(name),
    remedies: {
      RepositoryNotFoundException: 'Or set `create-repository: true` to let this action create it.',
    },
  });
  const ecr = sdkEcrApi(awsSettingsFrom(env, 'push-ecr-digest', ACTIONS_VERSION), explain);
  const result = await push(parsed, { ecr, docker: dockerCli, log, signal });
  if (result.tagsAlreadyThere.length > 0)
    log.info(`already on ${result.digest}: ${result.tagsAlreadyThere.join(', ')}`);
  log.info(
    `${parsed.repository}@${result.digest} verified (tags: ${result.tags.join(', ') || 'none'})`,
  );
  outputs.setAll({
    digest: result.digest,
    repository: parsed.repository,
    tags: result.tags.join('\n'),
    image: result.image,
  });
  summary
    .heading('Pushed image')
    .add(
      `\`${parsed.repository}@${result.digest}\`\n\nTags: ${result.tags.map((t) => `\`${t}\``).join(', ') || '_none_'}`,
    );
});
