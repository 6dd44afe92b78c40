import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/runner-harness/src/paths.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The directory of an action, e.g. `actionDir('compute-image-tag')`. */
export function actionDir(name: string): string {
  return `${REPO_ROOT}actions/${name}`;
}
