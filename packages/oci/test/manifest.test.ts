import { describe, expect, it } from '@jest/globals';
import {
  detectManifestMediaType,
  isImageManifestMediaType,
  isIndexMediaType,
  isManifestMediaType,
  MANIFEST_ACCEPT,
  ManifestFormatError,
  manifestReferences,
  MediaType,
} from '../src/index.js';

const d = (c: string): string => `sha256:${c.repeat(64)}`;

describe('media types', () => {
  it.each([
    [MediaType.ociIndex, true, false],
    [MediaType.dockerManifestList, true, false],
    [MediaType.ociManifest, false, true],
    [MediaType.dockerManifest, false, true],
    [MediaType.ociLayerGzip, false, false],
    ['application/json', false, false],
  ])('%s: index %s, image manifest %s', (type, index, image) => {
    expect(isIndexMediaType(type)).toBe(index);
    expect(isImageManifestMediaType(type)).toBe(image);
    expect(isManifestMediaType(type)).toBe(index || image);
  });

  it('accepts every manifest type on GET (distribution 2.8 needs an Accept header)', () => {
    for (const t of [MediaType.ociIndex, MediaType.ociManifest, MediaType.dockerManifest]) {
      expect(MANIFEST_ACCEPT).toContain(t);
    }
  });

  it.each([
    [`{"mediaType":"${MediaType.dockerManifest}","config":{}}`, MediaType.dockerManifest],
    ['{"schemaVersion":2,"config":{},"layers":[]}', MediaType.ociManifest],
    ['{"schemaVersion":2,"manifests":[]}', MediaType.ociIndex],
    ['{"schemaVersion":2}', undefined],
    ['not json', undefined],
    ['[]', undefined],
  ])('detects %s', (body, expected) => {
    expect(detectManifestMediaType(body)).toBe(expected);
  });
});

describe('manifestReferences', () => {
  const image = JSON.stringify({
    schemaVersion: 2,
    config: { mediaType: MediaType.ociConfig, digest: d('c'), size: 10 },
    layers: [{ mediaType: MediaType.ociLayerGzip, digest: d('1'), size: 20 }],
  });
  const index = JSON.stringify({
    schemaVersion: 2,
    manifests: [
      {
        mediaType: MediaType.ociManifest,
        digest: d('a'),
        size: 30,
        platform: { os: 'linux', architecture: 'arm64' },
      },
    ],
  });

  it('lists config and layers of an image', () => {
    const refs = manifestReferences(image, MediaType.ociManifest);
    expect(refs.kind).toBe('image');
    expect(refs.blobs.map((b) => b.digest)).toEqual([d('c'), d('1')]);
  });

  it('lists the children of an index, with platforms', () => {
    const refs = manifestReferences(index, MediaType.ociIndex);
    expect(refs).toMatchObject({ kind: 'index', blobs: [] });
    expect(refs.manifests[0]?.platform).toEqual({ os: 'linux', architecture: 'arm64' });
  });

  it.each([
    ['{', /not valid JSON/],
    ['{"schemaVersion":1}', /schemaVersion 1/],
    ['{"schemaVersion":2}', /config is not a JSON object/],
    [`{"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:zz","size":1}}`, /digest/],
    [`{"schemaVersion":2,"config":{"mediaType":"x","digest":"${d('c')}","size":-1}}`, /size/],
    [`{"schemaVersion":2,"config":{"digest":"${d('c')}","size":1}}`, /mediaType/],
  ])('rejects %s', (body, message) => {
    expect(() => manifestReferences(body, MediaType.ociManifest)).toThrow(ManifestFormatError);
    expect(() => manifestReferences(body, MediaType.ociManifest)).toThrow(message);
  });
});
