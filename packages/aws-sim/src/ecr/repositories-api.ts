import { AwsError } from '../errors.js';
import type { SimContext } from '../state/context.js';
import type { Json, JsonObject } from '../util/json.js';
import {
  epochSeconds,
  isObject,
  optBoolean,
  optObject,
  optString,
  reqString,
  stringArray,
} from '../util/json.js';
import { paginate } from '../ecs/tasks-api.js';
import { ecrErrors } from './errors.js';
import type { Repository } from './repositories.js';

const NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** The repository URI: the registry the simulator really serves, so `docker push` to it works. */
export function repositoryUri(ctx: SimContext, name: string): string {
  return `${ctx.registry.host}/${name}`;
}

/** The Repository output shape. */
export function renderRepository(ctx: SimContext, r: Repository): JsonObject {
  return {
    repositoryArn: r.arn,
    registryId: r.registryId,
    repositoryName: r.name,
    repositoryUri: repositoryUri(ctx, r.name),
    createdAt: epochSeconds(r.createdAt),
    imageTagMutability: r.imageTagMutability,
    imageScanningConfiguration: { scanOnPush: r.scanOnPush },
    encryptionConfiguration: { encryptionType: r.encryptionType },
  };
}

/** A repository by name, or RepositoryNotFoundException. */
export function requireRepository(ctx: SimContext, input: JsonObject): Repository {
  const name = reqString(input, 'repositoryName');
  const repo = ctx.repositories.get(name);
  if (!repo) throw ecrErrors.repositoryNotFound(name, ctx.world.account);
  return repo;
}

/** CreateRepository: name rules, MUTABLE/IMMUTABLE, scan-on-push stored. */
export function createRepository(input: JsonObject, ctx: SimContext, now: number): Json {
  const name = reqString(input, 'repositoryName');
  if (name.length < 2 || name.length > 256 || !NAME.test(name)) {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''`,
    );
  }
  if (ctx.repositories.get(name)) throw ecrErrors.repositoryExists(name, ctx.world.account);
  const mutability = optString(input, 'imageTagMutability') ?? 'MUTABLE';
  if (mutability !== 'MUTABLE' && mutability !== 'IMMUTABLE') {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE]'`,
    );
  }
  const scanning = optObject(input, 'imageScanningConfiguration');
  const encryption = optObject(input, 'encryptionConfiguration');
  const repo = ctx.repositories.create(name, now, {
    mutability,
    scanOnPush: scanning ? optBoolean(scanning, 'scanOnPush') === true : false,
    encryptionType: encryption ? (optString(encryption, 'encryptionType') ?? 'AES256') : 'AES256',
  });
  const tags = Array.isArray(input.tags) ? input.tags.filter(isObject) : [];
  repo.tags = tags.map((t) => ({
    Key: typeof t.Key === 'string' ? t.Key : '',
    Value: typeof t.Value === 'string' ? t.Value : '',
  }));
  return { repository: renderRepository(ctx, repo) };
}

/** DescribeRepositories: all, or the named ones (any unknown name fails the call). */
export function describeRepositories(input: JsonObject, ctx: SimContext): Json {
  const names = stringArray(input, 'repositoryNames');
  const repos =
    names.length === 0
      ? ctx.repositories.all()
      : names.map((n) => {
          const r = ctx.repositories.get(n);
          if (!r) throw ecrErrors.repositoryNotFound(n, ctx.world.account);
          return r;
        });
  const { page, nextToken } = paginate(repos, input, 100);
  return {
    repositories: page.map((r) => renderRepository(ctx, r)),
    ...(nextToken ? { nextToken } : {}),
  };
}

/** DeleteRepository: refused while images remain unless `force`. */
export async function deleteRepository(input: JsonObject, ctx: SimContext): Promise<Json> {
  const repo = requireRepository(ctx, input);
  const images = (await ctx.registry.listImages(repo.name)).filter(
    (i) => !repo.deletedDigests.has(i.digest),
  );
  if (images.length > 0 && optBoolean(input, 'force') !== true) {
    throw ecrErrors.repositoryNotEmpty(repo.name, repo.registryId);
  }
  for (const image of images)
    for (const tag of image.tags) await ctx.registry.deleteTag(repo.name, tag);
  ctx.repositories.delete(repo.name);
  return { repository: renderRepository(ctx, repo) };
}

/** GetAuthorizationToken: base64 `user:password` of the registry, valid 12 hours. */
export function getAuthorizationToken(_input: JsonObject, ctx: SimContext, now: number): Json {
  const token = Buffer.from(`${ctx.registry.username}:${ctx.registry.password}`).toString('base64');
  return {
    authorizationData: [
      {
        authorizationToken: token,
        expiresAt: epochSeconds(now + 12 * 3600 * 1000),
        proxyEndpoint: `http://${ctx.registry.host}`,
      },
    ],
  };
}
