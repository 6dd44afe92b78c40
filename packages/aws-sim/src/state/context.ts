import type { Clock } from '../clock.js';
import type { RepositoryStore } from '../ecr/repositories.js';
import type { Engine } from '../engine/engine.js';
import type { RegistryBackend } from '../registry/backend.js';
import type { Json, JsonObject } from '../util/json.js';
import type { World } from './world.js';

/** Everything an operation handler may touch. */
export interface SimContext {
  readonly world: World;
  readonly engine: Engine;
  readonly registry: RegistryBackend;
  readonly repositories: RepositoryStore;
  readonly clock: Clock;
}

/** An API operation: parsed input → output shape (or a thrown AwsError). */
export type Handler = (input: JsonObject, ctx: SimContext, now: number) => Json | Promise<Json>;
