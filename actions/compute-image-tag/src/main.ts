import { readFileSync } from 'node:fs';
import { runAction } from '@ecs-deploy/action-kit';
import { computeTags } from './compute.js';
import { gitContextFrom, readEvent } from './git-context.js';
import { readInputs } from './inputs.js';

await runAction('compute-image-tag', ({ inputs, outputs, log, summary, env }) => {
  const parsed = readInputs(inputs);
  const event = readEvent(env.GITHUB_EVENT_PATH, (path) => readFileSync(path, 'utf8'));
  const result = computeTags(parsed, gitContextFrom(env, event, new Date()));
  for (const { template, tag } of result.sanitised)
    log.info(`"${template}" sanitised to the tag "${tag}"`);
  for (const notice of result.notices) log.notice(notice);
  outputs.setAll({
    tag: result.tag,
    tags: result.tags.join('\n'),
    sha: result.sha,
    'short-sha': result.shortSha,
    environment: result.environment,
    json: {
      tag: result.tag,
      tags: result.tags,
      sha: result.sha,
      shortSha: result.shortSha,
      environment: result.environment,
    },
  });
  log.info(`tags: ${result.tags.join(', ')}`);
  summary.heading('Image tags').add(result.tags.map((tag) => `- \`${tag}\``).join('\n'));
});
