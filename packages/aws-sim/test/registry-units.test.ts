// Pure parts of the registry backends: the htpasswd hash, the generated config, fault rule matching, sizes.
import { describe, expect, it } from '@jest/globals';
import { MediaType, sha256Digest } from '@ecs-deploy/oci';
import { compareSync } from 'bcryptjs';
import {
  dockerRegistryConfig,
  htpasswdHash,
  htpasswdLine,
} from '../src/registry/docker-registry-config.js';
import { imageSize } from '../src/registry/image-size.js';
import { RegistryFaults } from '../src/registry/registry-faults.js';

describe('docker-registry config', () => {
  const config = dockerRegistryConfig({
    storageDir: '/tmp/x y/storage',
    htpasswdPath: '/tmp/x y/htpasswd',
    port: 5123,
    secret: 's3cret',
  });

  it.each([
    ['listens on loopback only', '  addr: "127.0.0.1:5123"'],
    ['stores on the filesystem', '    rootdirectory: "/tmp/x y/storage"'],
    ['uses htpasswd auth', '    path: "/tmp/x y/htpasswd"'],
    ['allows deletes', '  delete:\n    enabled: true'],
    ['pins the upload state secret', '  secret: "s3cret"'],
  ])('%s', (_what, fragment) => {
    expect(config).toContain(fragment);
  });

  it('hashes htpasswd passwords as salted $2y$ bcrypt that verifies', () => {
    const hash = htpasswdHash('p@ss:word with spaces');
    expect(hash).toMatch(/^\$2y\$05\$[./A-Za-z0-9]{53}$/);
    expect(htpasswdHash('p@ss:word with spaces')).not.toBe(hash);
    expect(compareSync('p@ss:word with spaces', hash)).toBe(true);
    expect(compareSync('p@ss:word with space', hash)).toBe(false);
    expect(htpasswdHash('x', 4)).toMatch(/^\$2y\$04\$/);
  });

  it('writes bcrypt htpasswd lines and refuses ":" in user names', () => {
    expect(htpasswdLine('AWS', '$2b$05$abc')).toBe('AWS:$2b$05$abc\n');
    expect(() => htpasswdLine('a:b', '$2b$05$abc')).toThrow(/cannot contain/);
  });
});

describe('RegistryFaults', () => {
  it.each([
    ['any request', {}, 'GET', '/v2/', true],
    ['by method', { method: 'patch' }, 'PATCH', '/v2/a/blobs/uploads/1', true],
    ['by method, other method', { method: 'PATCH' }, 'PUT', '/v2/a/blobs/uploads/1', false],
    ['by glob', { path: '/v2/web/*' }, 'PUT', '/v2/web/manifests/v1', true],
    ['by glob, other repo', { path: '/v2/web/*' }, 'PUT', '/v2/api/manifests/v1', false],
    ['by RegExp', { path: /\/manifests\// }, 'HEAD', '/v2/a/manifests/v1', true],
  ])('matches %s', (_what, match, method, path, expected) => {
    const faults = new RegistryFaults();
    faults.inject({ match, status: 503 });
    expect(faults.decide(method, path) !== undefined).toBe(expected);
  });

  it('lets `after` requests through, applies `count` times, then retires', () => {
    const faults = new RegistryFaults();
    faults.inject({
      match: { method: 'PATCH' },
      status: 'reset',
      after: 1,
      count: 2,
      when: 'after',
    });
    const outcomes = Array.from({ length: 5 }, () => faults.decide('PATCH', '/x'));
    expect(outcomes).toEqual([
      undefined,
      { status: 'reset', when: 'after' },
      { status: 'reset', when: 'after' },
      undefined,
      undefined,
    ]);
    expect(faults.pending()).toBe(0);
  });

  it('clear() removes every rule', () => {
    const faults = new RegistryFaults();
    faults.inject({ status: 500, count: 10 });
    faults.clear();
    expect(faults.decide('GET', '/v2/')).toBeUndefined();
  });
});

describe('imageSize', () => {
  const d = (c: string): string => `sha256:${c.repeat(64)}`;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      config: { mediaType: MediaType.ociConfig, digest: d('c'), size: 1000 },
      layers: [
        { mediaType: MediaType.ociLayerGzip, digest: d('1'), size: 300 },
        { mediaType: MediaType.ociLayerGzip, digest: d('2'), size: 700 },
      ],
    }),
  );

  it('is the manifest plus its layers (not the config)', () => {
    expect(imageSize(manifest, MediaType.ociManifest, () => undefined)).toBe(
      manifest.length + 1000,
    );
  });

  it('is, for an index, the index plus its largest child', () => {
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          { mediaType: MediaType.ociManifest, digest: d('a'), size: 10 },
          {
            mediaType: MediaType.ociManifest,
            digest: sha256Digest(manifest),
            size: manifest.length,
          },
        ],
      }),
    );
    const child = (digest: string): number | undefined => (digest === d('a') ? 5000 : 2000);
    expect(imageSize(index, MediaType.ociIndex, child)).toBe(index.length + 5000);
  });

  it('falls back to the body length for unparsable manifests', () => {
    expect(imageSize(Buffer.from('nope'), MediaType.ociManifest, () => undefined)).toBe(4);
  });
});
