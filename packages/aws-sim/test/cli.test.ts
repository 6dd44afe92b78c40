import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('cli', () => {
  it('prints KEY=VALUE lines, serves the default seed, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'packages/aws-sim/src/cli.ts',
        '--port',
        '0',
        '--speed',
        '10',
        '--registry',
        'memory',
        '--fault',
        'sts:GetCallerIdentity=server-error:503*1',
        '--scenario',
        'web:v2=exit-on-start:1',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const env: Record<string, string> = {};
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) {
      const eq = line.indexOf('=');
      env[line.slice(0, eq)] = line.slice(eq + 1);
      if (line.startsWith('AWS_SHARED_CREDENTIALS_FILE=')) break;
    }
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'AWS_ENDPOINT_URL',
        'AWS_REGION',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
      ]),
    );
    const config = {
      endpoint: env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      },
    };
    const sts = new STSClient(config);
    const ecs = new ECSClient(config);
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe('123456789012');
    expect(me.$metadata.attempts).toBe(2); // the --fault answered the first attempt with 503
    const svc = (
      await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))
    ).services?.[0];
    expect(svc?.runningCount).toBe(2);
    sts.destroy();
    ecs.destroy();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });
});
