// A stand-in for docker/build-push-action that really builds: the build context becomes one
// layer and the Dockerfile's LABEL lines become config labels, written as an OCI archive at the
// `dest` of `outputs: type=oci,dest=…`. No Docker engine is needed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildImage, ociArchiveBytes, sha256Digest } from '@ecs-deploy/oci';
import type { StandIn } from '@ecs-deploy/workflow-runner';

/** The `dest` of a buildx `outputs: type=oci,dest=…` value, or undefined for other outputs. */
export function ociDestination(outputs: string): string | undefined {
  const fields = new Map(
    outputs.split(',').map((field) => {
      const at = field.indexOf('=');
      return [field.slice(0, at).trim(), field.slice(at + 1).trim()] as const;
    }),
  );
  return fields.get('type') === 'oci' ? fields.get('dest') : undefined;
}

/** `LABEL key=value` lines of a Dockerfile (one pair a line, unquoted values). */
export function dockerfileLabels(dockerfile: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const line of dockerfile.split('\n')) {
    const match = /^\s*LABEL\s+([^=\s]+)=(\S+)\s*$/i.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) labels[match[1]] = match[2];
  }
  return labels;
}

function contextFiles(root: string, dir = root): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === '.git') continue;
    if (statSync(path).isDirectory()) Object.assign(files, contextFiles(root, path));
    else files[relative(root, path)] = readFileSync(path);
  }
  return files;
}

/** Builds the context into an OCI archive; fails the step, as buildx would, without `dest`. */
export const buildOciArchive: StandIn = ({ with: inputs, workspace, log }) => {
  const dest = ociDestination(inputs.outputs ?? '');
  if (dest === undefined)
    return {
      error: 'this stand-in builds only `outputs: type=oci,dest=<file>` (no registry push)',
    };
  const context = resolve(workspace, inputs.context ?? '.');
  const dockerfile = readFileSync(resolve(context, inputs.file ?? 'Dockerfile'), 'utf8');
  const image = buildImage({
    layers: [contextFiles(context)],
    labels: dockerfileLabels(dockerfile),
  });
  writeFileSync(resolve(workspace, dest), ociArchiveBytes(image));
  const digest = image.root.digest;
  log(`built ${dest} (${digest}) from ${context}`);
  return {
    outputs: {
      digest,
      imageid: sha256Digest(image.images[0]?.config ?? ''),
      metadata: JSON.stringify({ 'containerimage.digest': digest }),
    },
  };
};
