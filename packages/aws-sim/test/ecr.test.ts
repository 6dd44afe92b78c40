import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import { startSimulator, type Simulator } from '../src/index.js';
import { clientsFor, type Clients } from './helpers.js';

describe('ECR API over the registry backend (real SDK client)', () => {
  let sim: Simulator;
  let aws: Clients;
  let v1: string;
  let manifest: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: {} });
    aws = clientsFor(sim, 1);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  it('creates repositories with mutability and scan-on-push, and refuses duplicates', async () => {
    const out = await aws.ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'web',
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
      }),
    );
    expect(out.repository).toMatchObject({
      repositoryName: 'web',
      registryId: '123456789012',
      repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/web',
      repositoryUri: `${sim.ctx.registry.host}/web`,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
    });
    expect(out.repository?.createdAt).toBeInstanceOf(Date);
    await expect(
      aws.ecr.send(new CreateRepositoryCommand({ repositoryName: 'web' })),
    ).rejects.toMatchObject({
      name: 'RepositoryAlreadyExistsException',
      message:
        "The repository with name 'web' already exists in the registry with id '123456789012'",
    });
    await aws.ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/mutable' }));
    const all = await aws.ecr.send(new DescribeRepositoriesCommand({}));
    expect(all.repositories?.map((r) => r.repositoryName)).toEqual(['team/mutable', 'web']);
    await expect(
      aws.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })),
    ).rejects.toMatchObject({
      name: 'RepositoryNotFoundException',
      message:
        "The repository with name 'nope' does not exist in the registry with id '123456789012'",
    });
  });

  it('GetAuthorizationToken decodes to the registry credentials', async () => {
    const out = await aws.ecr.send(new GetAuthorizationTokenCommand({}));
    const data = out.authorizationData?.[0];
    expect(Buffer.from(data?.authorizationToken ?? '', 'base64').toString()).toBe(
      `${sim.ctx.registry.username}:${sim.ctx.registry.password}`,
    );
    expect(data?.proxyEndpoint).toBe(`http://${sim.ctx.registry.host}`);
    expect((data?.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(11 * 3600 * 1000);
  });

  it('BatchGetImage returns the exact manifest bytes; misses are failures', async () => {
    v1 = await sim.control.pushImage({ repository: 'web', tag: 'v1' });
    const out = await aws.ecr.send(
      new BatchGetImageCommand({
        repositoryName: 'web',
        imageIds: [{ imageTag: 'v1' }, { imageTag: 'nope' }, {}],
      }),
    );
    const image = out.images?.[0];
    expect(image?.imageId).toEqual({ imageDigest: v1, imageTag: 'v1' });
    manifest = image?.imageManifest ?? '';
    expect(manifest).toContain('\n   "schemaVersion": 2');
    expect(image?.imageManifestMediaType).toBe(
      'application/vnd.docker.distribution.manifest.v2+json',
    );
    expect(out.failures).toEqual([
      {
        imageId: { imageTag: 'nope' },
        failureCode: 'ImageNotFound',
        failureReason: 'Requested image not found',
      },
      {
        imageId: {},
        failureCode: 'MissingDigestAndTag',
        failureReason: 'Invalid request parameters: both tag and digest cannot be null',
      },
    ]);
    await expect(
      aws.ecr.send(
        new BatchGetImageCommand({ repositoryName: 'nope', imageIds: [{ imageTag: 'v1' }] }),
      ),
    ).rejects.toMatchObject({ name: 'RepositoryNotFoundException' });
  });

  it('PutImage retags by manifest, with ECR’s errors', async () => {
    const put = await aws.ecr.send(
      new PutImageCommand({ repositoryName: 'web', imageManifest: manifest, imageTag: 'prod' }),
    );
    expect(put.image?.imageId).toEqual({ imageDigest: v1, imageTag: 'prod' });
    await expect(
      aws.ecr.send(
        new PutImageCommand({ repositoryName: 'web', imageManifest: manifest, imageTag: 'prod' }),
      ),
    ).rejects.toMatchObject({
      name: 'ImageAlreadyExistsException',
      message: `Image with digest '${v1}' and tag 'prod' already exists in the repository with name 'web' in registry with id '123456789012'`,
    });
    const other = await sim.control.pushImage({ repository: 'web', tag: 'v2' });
    const otherManifest =
      (
        await aws.ecr.send(
          new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageDigest: other }] }),
        )
      ).images?.[0]?.imageManifest ?? '';
    await expect(
      aws.ecr.send(
        new PutImageCommand({
          repositoryName: 'web',
          imageManifest: otherManifest,
          imageTag: 'prod',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ImageTagAlreadyExistsException',
      message:
        "The image tag 'prod' already exists in the 'web' repository and cannot be overwritten because the repository is immutable.",
    });
    await expect(
      aws.ecr.send(
        new PutImageCommand({
          repositoryName: 'web',
          imageManifest: manifest,
          imageTag: 'x',
          imageDigest: other,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ImageDigestDoesNotMatchException',
      message:
        'The specified image digest does not match the digest that Amazon ECR calculated for the image',
    });
    await expect(
      aws.ecr.send(
        new PutImageCommand({
          repositoryName: 'web',
          imageManifest: '{"schemaVersion":2}',
          imageTag: 'y',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'",
    });
    const missingLayer = manifest.replace(
      /"sha256:[0-9a-f]{64}"\n(\s*)\}\n(\s*)\]/,
      `"sha256:${'0'.repeat(64)}"\n$1}\n$2]`,
    );
    await expect(
      aws.ecr.send(
        new PutImageCommand({ repositoryName: 'web', imageManifest: missingLayer, imageTag: 'z' }),
      ),
    ).rejects.toMatchObject({ name: 'LayersNotFoundException' });
  });

  it('a mutable repository moves the tag and leaves the old image untagged', async () => {
    const a = await sim.control.pushImage({ repository: 'team/mutable', tag: 'latest' });
    const b = await sim.control.pushImage({ repository: 'team/mutable', tag: 'next' });
    const bManifest =
      (
        await aws.ecr.send(
          new BatchGetImageCommand({
            repositoryName: 'team/mutable',
            imageIds: [{ imageDigest: b }],
          }),
        )
      ).images?.[0]?.imageManifest ?? '';
    await aws.ecr.send(
      new PutImageCommand({
        repositoryName: 'team/mutable',
        imageManifest: bManifest,
        imageTag: 'latest',
      }),
    );
    const images = await aws.ecr.send(
      new DescribeImagesCommand({ repositoryName: 'team/mutable' }),
    );
    const byDigest = new Map(images.imageDetails?.map((d) => [d.imageDigest, d]));
    expect(byDigest.get(a)?.imageTags).toBeUndefined();
    expect(byDigest.get(b)?.imageTags?.sort()).toEqual(['latest', 'next']);
    expect(byDigest.get(b)?.imagePushedAt).toBeInstanceOf(Date);
    expect(byDigest.get(b)?.imageSizeInBytes).toBeGreaterThan(0);
    const untagged = await aws.ecr.send(
      new DescribeImagesCommand({
        repositoryName: 'team/mutable',
        filter: { tagStatus: 'UNTAGGED' },
      }),
    );
    expect(untagged.imageDetails?.map((d) => d.imageDigest)).toEqual([a]);
  });

  it('DescribeImages fails the whole call for a requested image that does not exist', async () => {
    await expect(
      aws.ecr.send(
        new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: '28f3d25' }] }),
      ),
    ).rejects.toMatchObject({
      name: 'ImageNotFoundException',
      message:
        "The image with imageId {imageDigest:'null', imageTag:'28f3d25'} does not exist within the repository with name 'web' in the registry with id '123456789012'",
    });
  });

  it('BatchDeleteImage by tag and by digest; DeleteRepository needs force while images remain', async () => {
    const byTag = await aws.ecr.send(
      new BatchDeleteImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v2' }] }),
    );
    expect(byTag.imageIds).toHaveLength(1);
    const byDigest = await aws.ecr.send(
      new BatchDeleteImageCommand({ repositoryName: 'web', imageIds: [{ imageDigest: v1 }] }),
    );
    expect(byDigest.imageIds?.map((i) => i.imageTag).sort()).toEqual(['prod', 'v1']);
    const get = await aws.ecr.send(
      new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageDigest: v1 }] }),
    );
    expect(get.failures?.[0]?.failureCode).toBe('ImageNotFound');
    await expect(
      aws.ecr.send(new DeleteRepositoryCommand({ repositoryName: 'team/mutable' })),
    ).rejects.toMatchObject({
      name: 'RepositoryNotEmptyException',
    });
    await aws.ecr.send(
      new DeleteRepositoryCommand({ repositoryName: 'team/mutable', force: true }),
    );
    const left = await aws.ecr.send(new DescribeRepositoriesCommand({}));
    expect(left.repositories?.map((r) => r.repositoryName)).toEqual(['web']);
  });

  it('the registry follows ECR policy: no push into a repository that does not exist', async () => {
    await expect(
      sim.control.pushImage({ repository: 'ghost', createRepository: false }),
    ).rejects.toThrow(/does not exist/);
    expect(sim.ctx.repositories.repositoryExists('web')).toBe(true);
    expect(sim.ctx.repositories.tagsImmutable('web')).toBe(true);
  });
});
