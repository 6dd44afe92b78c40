import type { Logger } from '@ecs-deploy/action-kit';
import type { RenderResult } from './render.js';

/**
 * What the step log says about a render: each warning as an annotation, one line with the images,
 * and, when a live definition was compared, whether it changed. The diff itself can run to
 * hundreds of lines, so it is folded in a log group (its title says against what); the summary
 * and the `diff` output carry it too.
 */
export async function logRendered(
  result: Pick<
    RenderResult,
    'warnings' | 'family' | 'images' | 'comparedWith' | 'changed' | 'patch'
  >,
  log: Logger,
): Promise<void> {
  for (const warning of result.warnings)
    log.warning(`${warning.path}: ${warning.message}`, { title: 'render-task-def' });
  log.info(
    `rendered ${result.family}: ${Object.entries(result.images)
      .map(([name, image]) => `${name}=${image}`)
      .join(', ')}`,
  );
  if (result.comparedWith === undefined) return;
  if (!result.changed) {
    log.info(`no changes against ${result.comparedWith}`);
    return;
  }
  await log.group(`changes against ${result.comparedWith}`, () => {
    log.info(result.patch);
    return Promise.resolve();
  });
}
