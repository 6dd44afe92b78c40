import type { RepositoryPolicy } from '../registry/backend.js';

/** An ECR repository as the API layer keeps it (the images live in the registry). */
export interface Repository {
  name: string;
  arn: string;
  registryId: string;
  createdAt: number;
  imageTagMutability: 'MUTABLE' | 'IMMUTABLE';
  scanOnPush: boolean;
  encryptionType: string;
  /** Digests removed by BatchDeleteImage (the backend can only drop tags). */
  deletedDigests: Set<string>;
  tags: { Key: string; Value: string }[];
}

/** The repository store; it is also the RepositoryPolicy the registry enforces on pushes. */
export class RepositoryStore implements RepositoryPolicy {
  private readonly repos = new Map<string, Repository>();

  constructor(
    private readonly account: string,
    private readonly region: string,
  ) {}

  /** Creates a repository; the caller checks for duplicates. */
  create(
    name: string,
    now: number,
    opts: {
      mutability?: 'MUTABLE' | 'IMMUTABLE';
      scanOnPush?: boolean;
      encryptionType?: string;
    } = {},
  ): Repository {
    const repo: Repository = {
      name,
      arn: `arn:aws:ecr:${this.region}:${this.account}:repository/${name}`,
      registryId: this.account,
      createdAt: now,
      imageTagMutability: opts.mutability ?? 'MUTABLE',
      scanOnPush: opts.scanOnPush ?? false,
      encryptionType: opts.encryptionType ?? 'AES256',
      deletedDigests: new Set(),
      tags: [],
    };
    this.repos.set(name, repo);
    return repo;
  }

  get(name: string): Repository | undefined {
    return this.repos.get(name);
  }

  delete(name: string): void {
    this.repos.delete(name);
  }

  /** All repositories, by name. */
  all(): Repository[] {
    return [...this.repos.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  repositoryExists(repository: string): boolean {
    return this.repos.has(repository);
  }

  tagsImmutable(repository: string): boolean {
    return this.repos.get(repository)?.imageTagMutability === 'IMMUTABLE';
  }

  /** True when ECR deleted this digest (hidden from ECR reads and from deployments). */
  isDeleted(repository: string, digest: string): boolean {
    return this.repos.get(repository)?.deletedDigests.has(digest) ?? false;
  }
}
