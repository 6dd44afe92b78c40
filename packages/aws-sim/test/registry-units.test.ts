// Pure parts of the registry backends: bcrypt, the generated config, fault rule matching, sizes.
import { describe, expect, it } from '@jest/globals';
import { MediaType, sha256Digest } from '@ecs-deploy/oci';
import {
  bcryptBase64,
  bcryptBase64Decode,
  bcryptHash,
  bcryptVerify,
} from '../src/registry/bcrypt.js';
import { dockerRegistryConfig, htpasswdLine } from '../src/registry/docker-registry-config.js';
import { imageSize } from '../src/registry/image-size.js';
import { piFractionWords } from '../src/registry/pi-digits.js';
import { RegistryFaults } from '../src/registry/registry-faults.js';

describe('bcrypt', () => {
  it('derives Blowfish constants from pi', () => {
    const words = piFractionWords(1042);
    expect(words[0]).toBe(0x243f6a88); // P[0]
    expect(words[17]).toBe(0x8979fb1b); // P[17]
    expect(words[18]).toBe(0xd1310ba6); // S0[0]
    expect(words[1041]).toBe(0x3ac372e6); // S3[255]
  });

  // Expected values from libxcrypt (`perl -e 'print crypt($pw, $salt)'`).
  it.each([
    ['', '$2b$04$abcdefghijklmnopqrstuubyCG3zY1GIXMyxfivm.ClDiInHzxjiq'],
    ['', '$2b$04$CCCCCCCCCCCCCCCCCCCCC.Cg0ly9t/KVBCBYYDfOmZKwry9JuXClC'],
    ['a', '$2b$04$abcdefghijklmnopqrstuuMFdJu9yVgmagVAIC24fOZkaFqd3s9JC'],
    ['a', '$2b$04$CCCCCCCCCCCCCCCCCCCCC.f/Fm9DOYGp2ai9rjxvG4QHlhtDCuDuu'],
    ['AWS-password', '$2b$04$abcdefghijklmnopqrstuuqr2bGeZi1DwdNb1XE0QLKEMTVhj8sUu'],
    ['p@ss:word with spaces', '$2b$04$CCCCCCCCCCCCCCCCCCCCC.mKQU2gG/B1ZCz.C7I4AAP5Lu9utgrxS'],
    [
      '0123456789012345678901234567890123456789012345678901234567890123456789012345',
      '$2b$04$CCCCCCCCCCCCCCCCCCCCC.FK1BvzBLAltNsbGCqDzcz8ivvVoPdea',
    ],
    ['U*U', '$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'],
    ['héllo', '$2b$06$Ro0CUfOqk6cXEKf3dyaM7OFFwxYsYMdj62vOu/3EZiEU2hWH./WFa'],
  ])('hashes %j like libxcrypt', (password, expected) => {
    const cost = Number(expected.slice(4, 6));
    const salt = bcryptBase64Decode(expected.slice(7, 29), 16);
    expect(bcryptHash(password, cost, salt).slice(-31)).toBe(expected.slice(-31));
    expect(bcryptVerify(password, expected)).toBe(true);
    expect(bcryptVerify(`x${password}`, expected)).toBe(false);
  });

  it('produces $2b$ hashes with a random salt that verify', () => {
    const hash = bcryptHash('secret');
    expect(hash).toMatch(/^\$2b\$05\$[./A-Za-z0-9]{53}$/);
    expect(bcryptHash('secret')).not.toBe(hash);
    expect(bcryptVerify('secret', hash)).toBe(true);
  });

  it('ignores bytes past the 72nd, as every bcrypt does', () => {
    const long = 'p'.repeat(72);
    const hash = bcryptHash(long, 4);
    expect(bcryptVerify(`${long}tail`, hash)).toBe(true);
    expect(bcryptVerify(long.slice(1), hash)).toBe(false);
  });

  it.each([3, 32, 4.5])('rejects cost %d', (cost) => {
    expect(() => bcryptHash('x', cost)).toThrow(RangeError);
  });

  it('round-trips its base64 alphabet', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7, 8, 9, 10, 11, 12, 13]);
    expect(bcryptBase64Decode(bcryptBase64(bytes, 22), 16)).toEqual(bytes);
  });
});

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
