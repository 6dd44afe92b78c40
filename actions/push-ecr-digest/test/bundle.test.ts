// push-ecr-digest through its bundle, the way the runner runs it, against the simulator's ECR and
// a real registry: the embedded one always, Debian's docker-registry when it is installed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '@ecs-deploy/aws-sim';
import { startDockerRegistry, startEmbeddedRegistry } from '@ecs-deploy/aws-sim/registry';
import { buildImage, writeOciLayout, ociArchiveBytes, sha256Digest } from '@ecs-deploy/oci';
import { actionDir, runStep, type StepResult } from '@ecs-deploy/runner-harness';
import { ecrLogin } from '@ecs-deploy/test-support';
import { DOCKER_REGISTRY, requireTool, SKOPEO } from '@ecs-deploy/test-support/tools';

// Without docker-registry or skopeo their cases are still declared: skipped with the reason, or
// failing under CI=true (CI installs both).
const withSkopeo = requireTool(SKOPEO);

/** The bundle's cases against one registry kind (see the end of the file). */
function bundleSuite(kind: 'embedded' | 'docker'): void {
  let sim: Simulator;
  let work: string;
  const results: StepResult[] = [];
  const app = buildImage({
    layers: [{ 'app/main.py': `print("hello from ${kind}")\n` }],
    labels: { 'org.opencontainers.image.title': 'api' },
  });
  const multi = buildImage([
    { layers: [{ 'bin/app': 'amd64' }], platform: { os: 'linux', architecture: 'amd64' } },
    { layers: [{ 'bin/app': 'arm64' }], platform: { os: 'linux', architecture: 'arm64' } },
  ]);

  beforeAll(async () => {
    sim = await startSimulator({
      seed: {
        repositories: [
          { name: 'team/api', imageTagMutability: 'IMMUTABLE' },
          { name: 'team/mutable' },
        ],
      },
      registry: (policy, now) =>
        kind === 'embedded'
          ? startEmbeddedRegistry({ policy, now })
          : startDockerRegistry({ policy, now }),
    });
    work = mkdtempSync(join(tmpdir(), 'push-'));
    await writeOciLayout(join(work, 'layout'), app);
    await writeOciLayout(join(work, 'multi'), multi);
    writeFileSync(join(work, 'image.tar'), ociArchiveBytes(app));
  });
  afterAll(async () => {
    for (const result of results) result.cleanup();
    await sim.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function step(
    inputs: Record<string, string>,
    env: Record<string, string> = {},
  ): Promise<StepResult> {
    const result = await runStep({
      actionDir: actionDir('push-ecr-digest'),
      inputs,
      env: { ...sim.env, ...env },
      cwd: work,
    });
    results.push(result);
    return result;
  }
  const errorOf = (result: StepResult): string =>
    result.annotations
      .filter((a) => a.level === 'error')
      .map((a) => a.message)
      .join('\n');

  it('pushes an OCI layout with no Docker daemon and outputs the verified digest', async () => {
    const result = await step({
      repository: 'team/api',
      'oci-layout': 'layout',
      tags: 'dev-1111111\ndev-latest',
    });
    expect(errorOf(result)).toBe('');
    expect(result.exitCode).toBe(0);
    const digest = app.root.digest;
    expect(result.outputs.get('digest')).toBe(digest);
    expect(result.outputs.get('tags')).toBe('dev-1111111\ndev-latest');
    expect(result.outputs.get('image')).toBe(`${(await ecrLogin(sim)).host}/team/api@${digest}`);
    expect(result.stdout).toMatch(/::add-mask::/);
    const described = await sim.control.log({ operation: 'BatchGetImage' });
    expect(described.length).toBeGreaterThan(0);
  });

  withSkopeo.it('agrees with skopeo on the digest', async () => {
    const login = await ecrLogin(sim);
    // Asynchronously: the embedded registry answers from this very process.
    const { stdout } = await promisify(execFile)(
      'skopeo',
      [
        'inspect',
        '--raw',
        '--tls-verify=false',
        '--creds',
        `AWS:${login.password}`,
        `docker://${login.host}/team/api:dev-1111111`,
      ],
      { encoding: 'buffer' },
    );
    expect(sha256Digest(stdout)).toBe(app.root.digest);
  });

  it('converges on a re-run in an IMMUTABLE repository', async () => {
    const result = await step({
      repository: 'team/api',
      'oci-layout': 'layout',
      tags: 'dev-1111111',
    });
    expect(errorOf(result)).toBe('');
    expect(result.outputs.get('digest')).toBe(app.root.digest);
    expect(result.stdout).toContain('already on');
  });

  it('refuses to move an IMMUTABLE tag, naming both digests, before pushing anything', async () => {
    await sim.control.clearLog();
    const result = await step({
      repository: 'team/api',
      'oci-archive': 'image.tar',
      tags: 'dev-1111111',
    });
    expect(result.exitCode).toBe(0); // same image as the layout: converges
    const other = await step({
      repository: 'team/api',
      'oci-layout': 'multi',
      tags: 'dev-1111111',
    });
    expect(other.exitCode).toBe(1);
    expect(errorOf(other)).toContain(`'dev-1111111' is on ${app.root.digest}`);
    expect(errorOf(other)).toContain(multi.root.digest);
  });

  it('pushes a multi-platform index whole; the digest is the index', async () => {
    const result = await step({ repository: 'team/mutable', 'oci-layout': 'multi', tags: 'v2' });
    expect(errorOf(result)).toBe('');
    expect(result.outputs.get('digest')).toBe(multi.root.digest);
  });

  it('promotes an image by tag with PutImage, no pull and no push', async () => {
    await sim.control.clearLog();
    const result = await step({
      repository: 'team/api',
      'source-tag': 'dev-1111111',
      tags: 'prod-1111111',
    });
    expect(errorOf(result)).toBe('');
    expect(result.outputs.get('digest')).toBe(app.root.digest);
    const operations = (await sim.control.log({ service: 'ecr' })).map((entry) => entry.operation);
    expect(operations).toContain('PutImage');
    expect(operations).not.toContain('GetAuthorizationToken');
    const again = await step({
      repository: 'team/api',
      'source-digest': app.root.digest,
      tags: 'prod-1111111',
    });
    expect(again.exitCode).toBe(0);
  });

  it('fails verification when ECR hands back a manifest that is not the pushed one', async () => {
    // A proxy in front of the simulator rewrites every manifest BatchGetImage returns, as a
    // misbehaving proxy or registry policy might: the digest must not be reported as good.
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([key]) => key !== 'host' && key !== 'content-length'),
        ) as Record<string, string>;
        void fetch(`${sim.endpoint}${req.url ?? '/'}`, {
          method: req.method ?? 'POST',
          headers,
          body: Buffer.concat(chunks),
        }).then(async (answer) => {
          let body = await answer.text();
          if (target.endsWith('.BatchGetImage') && answer.ok) {
            const parsed = JSON.parse(body) as { images?: { imageManifest?: string }[] };
            for (const image of parsed.images ?? [])
              image.imageManifest = `${image.imageManifest ?? ''} `;
            body = JSON.stringify(parsed);
          }
          res
            .writeHead(answer.status, {
              'content-type': answer.headers.get('content-type') ?? 'application/json',
            })
            .end(body);
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const result = await step(
        { repository: 'team/mutable', 'oci-layout': 'layout', tags: 'tampered' },
        { AWS_ENDPOINT_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
      );
      expect(result.exitCode).toBe(1);
      expect(result.outputs.has('digest')).toBe(false);
      expect(errorOf(result)).toMatch(
        new RegExp(
          `Verification of the push to 'team/mutable' failed: the manifest ECR returns for ${app.root.digest} hashes to sha256:`,
        ),
      );
    } finally {
      proxy.close();
    }
  });

  it('explains a missing repository, and creates it when asked', async () => {
    const missing = await step({ repository: 'team/new', 'oci-layout': 'layout', tags: 'a' });
    expect(missing.exitCode).toBe(1);
    expect(errorOf(missing)).toContain("Input 'repository' is 'team/new': no such ECR repository");
    const created = await step({
      repository: 'team/new',
      'oci-layout': 'layout',
      tags: 'a',
      'create-repository': 'true',
    });
    expect(errorOf(created)).toBe('');
  });

  it('pushes a local Docker image with the CLI, the password only on stdin', async () => {
    const digest = app.root.digest;
    // The stand-in docker cannot push; the image is put in place the way a push would leave it.
    await step({ repository: 'team/mutable', 'oci-layout': 'layout', tags: 'local-1' });
    const bin = join(work, 'bin');
    const record = join(work, 'docker-calls.log');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, 'docker'),
      [
        '#!/bin/bash',
        `echo "ARGS $* DOCKER_CONFIG=\${DOCKER_CONFIG:+set}" >> ${record}`,
        `if [ "$1" = login ]; then echo "STDIN $(cat)" >> ${record}; echo "Login Succeeded"; fi`,
        `if [ "$1" = push ]; then echo "local-1: digest: ${digest} size: 1234"; fi`,
        'exit 0',
      ].join('\n'),
    );
    chmodSync(join(bin, 'docker'), 0o755);
    const result = await step(
      { repository: 'team/mutable', 'local-image': 'api:build', tags: 'local-1' },
      { PATH: `${bin}:${process.env.PATH ?? ''}` },
    );
    expect(errorOf(result)).toBe('');
    expect(result.outputs.get('digest')).toBe(digest);
    const login = await ecrLogin(sim);
    const calls = readFileSync(record, 'utf8').trim().split('\n');
    expect(calls).toEqual([
      `ARGS login --username AWS --password-stdin ${login.endpoint} DOCKER_CONFIG=set`,
      `STDIN ${login.password}`,
      `ARGS tag api:build ${login.host}/team/mutable:local-1 DOCKER_CONFIG=set`,
      `ARGS push ${login.host}/team/mutable:local-1 DOCKER_CONFIG=set`,
      `ARGS logout ${login.endpoint} DOCKER_CONFIG=set`,
    ]);
    const logged = result.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain(login.password);
    expect(result.stdout).toContain(`::add-mask::${login.password}`);
  });
}

describe('push-ecr-digest bundle with the embedded registry', () => {
  bundleSuite('embedded');
});
requireTool(DOCKER_REGISTRY).describe('push-ecr-digest bundle with the docker-registry', () => {
  bundleSuite('docker');
});
