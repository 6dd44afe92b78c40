// npm run sim -- [--port 4566] [--seed <file>] [--speed <factor>] [--registry embedded|memory|docker]
//                [--fault <target>=<kind>[:<arg>][*<times>]]… [--scenario <repo:tag|digest>=<scenario>]…
//                [--rate-limits <scale>] [--model-check strict|requests|off]
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startDockerRegistry, startEmbeddedRegistry } from './registry/index.js';
import type { RegistryFactory } from './simulator.js';
import { startSimulator } from './simulator.js';
import { parseFaultSpec, parseScenarioSpec } from './faults/spec.js';
import { defaultModelCheckMode, parseModelCheckMode } from './model/check.js';
import { parseSeed } from './seed/parse.js';
import { DEFAULT_SEED } from './seed/default-seed.js';

const USAGE = `usage: npm run sim -- [--port 4566] [--seed seed.yaml] [--speed 10] [--registry embedded|memory|docker]
         [--fault 'ecs:DescribeServices=throttle*2'] [--scenario 'web:v2=exit-on-start:1'] [--rate-limits 0.1]
         [--model-check strict|requests|off]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4566' },
      seed: { type: 'string' },
      speed: { type: 'string', default: '1' },
      registry: { type: 'string', default: 'embedded' },
      fault: { type: 'string', multiple: true, default: [] },
      scenario: { type: 'string', multiple: true, default: [] },
      'rate-limits': { type: 'string' },
      'model-check': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  const speed = Number(values.speed);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port: ${values.port}`);
  if (!(speed > 0)) throw new Error(`--speed: must be a number > 0, got ${values.speed}`);
  const seed =
    values.seed !== undefined
      ? parseSeed(await readFile(values.seed, 'utf8'), values.seed)
      : DEFAULT_SEED;
  const registry = registryFactory(values.registry, seed.account ?? '123456789012');
  const faults = values.fault.map(parseFaultSpec);
  const scenarios = values.scenario.map(parseScenarioSpec);
  const rateScale = values['rate-limits'] !== undefined ? Number(values['rate-limits']) : undefined;
  if (rateScale !== undefined && !(rateScale > 0))
    throw new Error('--rate-limits: scale must be a number > 0');
  const modelCheck =
    values['model-check'] !== undefined
      ? parseModelCheckMode(values['model-check'])
      : defaultModelCheckMode();
  const sim = await startSimulator({
    seed,
    speed,
    port,
    modelCheck,
    ...(registry ? { registry } : {}),
  });
  for (const f of faults) sim.faults.add(f);
  for (const s of scenarios) sim.setScenario(s);
  if (rateScale !== undefined) sim.faults.setRateLimits({ enabled: true, scale: rateScale });
  for (const [k, v] of Object.entries(sim.env)) console.log(`${k}=${v}`);
  console.error(
    `aws-sim: listening on ${sim.endpoint} (speed ×${speed}, model check ${modelCheck}); Ctrl-C to stop`,
  );
  const stop = (): void => {
    sim.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function registryFactory(kind: string, account: string): RegistryFactory | undefined {
  switch (kind) {
    case 'memory':
      return undefined;
    case 'embedded':
      return (policy, now) => startEmbeddedRegistry({ policy, registryId: account, now });
    case 'docker':
      return (policy, now) => startDockerRegistry({ policy, registryId: account, now });
    default:
      throw new Error(`--registry: expected embedded, memory or docker, got ${kind}`);
  }
}

main().catch((e: unknown) => {
  console.error(`aws-sim: ${e instanceof Error ? e.message : String(e)}`);
  console.error(USAGE);
  process.exit(1);
});
