import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from './clock.js';
import { isAdvanceable, ScaledClock } from './clock.js';
import { SimControlClient } from './control/client.js';
import { summarize } from './control/state.js';
import { CONTROL_PREFIX, handleControl } from './control/routes.js';
import type { PushImageRequest, ScenarioRule, SimState } from './control/types.js';
import { CLOUDWATCH_OPERATIONS } from './cloudwatch/operations.js';
import { ECR_OPERATIONS } from './ecr/operations.js';
import { RepositoryStore } from './ecr/repositories.js';
import { ECS_OPERATIONS } from './ecs/operations.js';
import { ELBV2_OPERATIONS } from './elbv2/operations.js';
import { Engine } from './engine/engine.js';
import { AwsError, SimConfigError } from './errors.js';
import { FaultInjector } from './faults/faults.js';
import { LOGS_OPERATIONS } from './logs/operations.js';
import { RequestLog, type ServiceName } from './log/request-log.js';
import {
  defaultModelCheckMode,
  ModelChecker,
  ModelViolationError,
  type ModelCheckMode,
  type ResponseViolation,
} from './model/check.js';
import type { RegistryBackend, RepositoryPolicy } from './registry/backend.js';
import { MemoryRegistry } from './registry/memory.js';
import { applySeed, setScenario } from './seed/apply.js';
import { DEFAULT_SEED } from './seed/default-seed.js';
import { pushSyntheticImage } from './seed/synthetic-image.js';
import type { Seed } from './seed/types.js';
import { sendJson } from './server/respond.js';
import { handleApi, type OperationTables } from './server/api.js';
import type { Handler, SimContext } from './state/context.js';
import { World } from './state/world.js';
import { STS_OPERATIONS } from './sts/operations.js';

/**
 * Builds the registry once the repository policy exists; `now` is the simulated clock (for
 * pushedAt).
 */
export type RegistryFactory = (
  policy: RepositoryPolicy,
  now: () => Date,
) => RegistryBackend | Promise<RegistryBackend>;

/** Options of startSimulator. */
export interface SimulatorOptions {
  /** Initial state; default DEFAULT_SEED (cluster demo, service web); `{}` for an empty account. */
  seed?: Seed;
  /** Speed factor of the simulated clock (ignored when `clock` is given); default 1. */
  speed?: number;
  /** Injected clock, e.g. a ManualClock for step-by-step tests. */
  clock?: Clock;
  /** A registry instance (the caller closes it) or a factory (the simulator closes it); default in-memory. */
  registry?: RegistryBackend | RegistryFactory;
  /** Port on 127.0.0.1; default 0 (ephemeral). */
  port?: number;
  /**
   * Checks against AWS's published models (see model/check.ts); default strict under jest or
   * with AWS_SIM_MODEL_CHECK=strict, else `requests`.
   */
  modelCheck?: ModelCheckMode;
  /** Handlers that replace or add operations, by service (e.g. a deliberately broken one in a test). */
  handlers?: Partial<Record<ServiceName, Readonly<Record<string, Handler>>>>;
}

const OPERATIONS: OperationTables = {
  ecs: ECS_OPERATIONS,
  ecr: ECR_OPERATIONS,
  sts: STS_OPERATIONS,
  elasticloadbalancing: ELBV2_OPERATIONS,
  logs: LOGS_OPERATIONS,
  monitoring: CLOUDWATCH_OPERATIONS,
};

function withHandlers(extra: SimulatorOptions['handlers']): OperationTables {
  return {
    ecs: { ...OPERATIONS.ecs, ...extra?.ecs },
    ecr: { ...OPERATIONS.ecr, ...extra?.ecr },
    sts: { ...OPERATIONS.sts, ...extra?.sts },
    elasticloadbalancing: { ...OPERATIONS.elasticloadbalancing, ...extra?.elasticloadbalancing },
    logs: { ...OPERATIONS.logs, ...extra?.logs },
    monitoring: { ...OPERATIONS.monitoring, ...extra?.monitoring },
  };
}

/** A running simulator: the endpoint, the environment for SDK clients, and test handles. */
export class Simulator {
  /** `http://127.0.0.1:<port>`. */
  endpoint = '';
  /** Environment variables that point unmodified SDK clients at this simulator. */
  env: Record<string, string> = {};
  /** Typed client of the control API. */
  control: SimControlClient = new SimControlClient('http://127.0.0.1:0');
  readonly log = new RequestLog();
  readonly faults: FaultInjector;
  /** The model checker; its mode is fixed at start. */
  readonly models: ModelChecker;
  private server: Server | undefined;

  constructor(
    readonly ctx: SimContext,
    private readonly ownsRegistry: boolean,
    modelCheck: ModelCheckMode = defaultModelCheckMode(),
    private readonly operations: OperationTables = OPERATIONS,
  ) {
    this.faults = new FaultInjector(() => ctx.world.account);
    this.models = new ModelChecker(modelCheck);
  }

  /** Responses so far that broke the AWS model (strict mode; each was sent as a 500). */
  modelViolations(): readonly ResponseViolation[] {
    return this.models.violations();
  }

  /** Starts listening on 127.0.0.1. */
  async listen(port: number): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent)
          sendJson(res, 500, { error: e instanceof Error ? e.message : String(e) });
        else res.destroy();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        resolve();
      });
    });
    const addr = server.address() as AddressInfo;
    this.endpoint = `http://127.0.0.1:${addr.port}`;
    this.control = new SimControlClient(this.endpoint);
    const nowhere = join(tmpdir(), 'ecs-deploy-aws-sim-no-such-file');
    this.env = {
      AWS_ENDPOINT_URL: this.endpoint,
      AWS_REGION: this.ctx.world.region,
      AWS_DEFAULT_REGION: this.ctx.world.region,
      AWS_ACCESS_KEY_ID: 'AKIDSIMULATOR0000000',
      AWS_SECRET_ACCESS_KEY: 'simulator-secret-access-key',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: nowhere,
      AWS_SHARED_CREDENTIALS_FILE: nowhere,
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      this.ctx.engine.sync();
      try {
        const reply = await handleControl(this, req.method ?? 'GET', url, body);
        sendJson(res, reply.status, reply.body);
      } catch (e) {
        const status =
          e instanceof SimConfigError || e instanceof SyntaxError || e instanceof AwsError
            ? 400
            : 500;
        sendJson(res, status, { error: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
    await handleApi(req, res, raw, {
      ctx: this.ctx,
      operations: this.operations,
      log: this.log,
      faults: this.faults,
      models: this.models,
    });
  }

  /** Adds a seed's resources at the current simulated time. */
  async applySeed(seed: Seed): Promise<void> {
    this.ctx.engine.sync();
    await applySeed(seed, this.ctx, this.ctx.engine.time);
  }

  /** Sets an image behaviour for deployments and tasks started from now on. */
  setScenario(rule: ScenarioRule): void {
    setScenario(this.ctx, rule);
  }

  /** Pushes a synthetic image (creating the ECR repository if needed); returns its digest. */
  async pushImage(req: PushImageRequest): Promise<string> {
    if (typeof req.repository !== 'string' || req.repository === '') {
      throw new SimConfigError('pushImage needs a repository');
    }
    if (!this.ctx.repositories.get(req.repository)) {
      if (req.createRepository === false)
        throw new SimConfigError(`repository ${req.repository} does not exist`);
      this.ctx.repositories.create(req.repository, this.ctx.engine.time);
    }
    const labels = {
      ...req.labels,
      ...(req.scenario !== undefined ? { 'sim.scenario': req.scenario } : {}),
    };
    return pushSyntheticImage(this.ctx.registry, {
      repository: req.repository,
      ...(req.tag !== undefined ? { tag: req.tag } : {}),
      labels,
    });
  }

  /** Moves simulated time forward and catches the world up. */
  advance(seconds: number): void {
    const clock = this.ctx.clock;
    if (!isAdvanceable(clock)) throw new SimConfigError('this clock cannot be advanced');
    clock.advance(seconds * 1000);
    this.ctx.engine.sync();
  }

  /** Changes the speed factor of the scaled clock. */
  setSpeed(speed: number): void {
    const clock = this.ctx.clock;
    if (!(clock instanceof ScaledClock))
      throw new SimConfigError('only the scaled clock has a speed');
    if (!(speed > 0)) throw new SimConfigError('speed must be a number > 0');
    clock.setSpeed(speed);
  }

  /** Simulated time (and speed, for the scaled clock). */
  timeInfo(): { now: number; speed?: number } {
    const clock = this.ctx.clock;
    return {
      now: this.ctx.engine.time,
      ...(clock instanceof ScaledClock ? { speed: clock.speed } : {}),
    };
  }

  /** A compact view of all services, after catching up with the clock. */
  state(): SimState {
    this.ctx.engine.sync();
    return summarize(this.ctx.world, this.ctx.engine.time);
  }

  /**
   * Stops the server (dropping keep-alive connections) and, if it built it, the registry; then
   * throws ModelViolationError if any response broke the AWS model, so no test passes over one.
   */
  async close(): Promise<void> {
    const server = this.server;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
    }
    if (this.ownsRegistry) await this.ctx.registry.close();
    const found = this.models.violations();
    if (found.length > 0) throw new ModelViolationError(found);
  }
}

function isFactory(r: RegistryBackend | RegistryFactory): r is RegistryFactory {
  return typeof r === 'function';
}

/** Starts a simulator on 127.0.0.1 (ephemeral port unless `port` is given), seeded and ready. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? DEFAULT_SEED;
  const world = new World(seed.account ?? '123456789012', seed.region ?? 'us-east-1');
  const clock = options.clock ?? new ScaledClock(options.speed ?? 1);
  const repositories = new RepositoryStore(world.account, world.region);
  const given: RegistryBackend | RegistryFactory =
    options.registry ?? ((policy, now) => new MemoryRegistry({ policy, now }));
  const registry = isFactory(given)
    ? await given(repositories, () => new Date(clock.now()))
    : given;
  const engine = new Engine(world, clock);
  const ctx: SimContext = { world, engine, registry, repositories, clock };
  const sim = new Simulator(
    ctx,
    isFactory(given),
    options.modelCheck ?? defaultModelCheckMode(),
    withHandlers(options.handlers),
  );
  try {
    await applySeed(seed, ctx, engine.time);
    await sim.listen(options.port ?? 0);
  } catch (e) {
    await sim.close();
    throw e;
  }
  return sim;
}
