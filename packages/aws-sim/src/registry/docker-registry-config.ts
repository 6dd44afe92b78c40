import { genSaltSync, hashSync } from 'bcryptjs';

/** What the generated docker-registry config needs. */
export interface DockerRegistryConfigInput {
  readonly storageDir: string;
  readonly htpasswdPath: string;
  readonly port: number;
  /** Signs upload `_state` tokens; fixed per instance so restarts keep uploads valid. */
  readonly secret: string;
}

function quote(value: string): string {
  return JSON.stringify(value); // a JSON string is a valid YAML double-quoted scalar
}

/**
 * The registry's config.yml: filesystem storage in a private dir, loopback only, htpasswd auth,
 * manifest deletes allowed (tag removal needs them), no upload purging (a background job that
 * would only add noise), no blob-descriptor cache (so storage reads are authoritative).
 */
export function dockerRegistryConfig(input: DockerRegistryConfigInput): string {
  return [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${quote(input.storageDir)}`,
    '  delete:',
    '    enabled: true',
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    `  addr: ${quote(`127.0.0.1:${input.port}`)}`,
    `  secret: ${quote(input.secret)}`,
    'auth:',
    '  htpasswd:',
    '    realm: basic-realm',
    `    path: ${quote(input.htpasswdPath)}`,
    '',
  ].join('\n');
}

/**
 * A bcrypt hash for the htpasswd file, with the `$2y$` prefix Apache's htpasswd writes.
 * distribution 2.8 accepts bcrypt entries only and reads `$2a$`, `$2b$` and `$2y$` alike;
 * bcryptjs salts as `$2b$`, so the prefix is swapped before hashing (the algorithm is the same).
 * Cost 5 by default: the file guards a loopback test registry, and each login re-hashes.
 */
export function htpasswdHash(password: string, cost = 5): string {
  return hashSync(password, genSaltSync(cost).replace(/^\$2b\$/, '$2y$'));
}

/** One htpasswd line; distribution 2.8 accepts bcrypt entries only. */
export function htpasswdLine(username: string, bcryptHash: string): string {
  if (username.includes(':')) throw new TypeError('htpasswd user names cannot contain ":"');
  return `${username}:${bcryptHash}\n`;
}
