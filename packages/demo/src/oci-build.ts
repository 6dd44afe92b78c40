// A stand-in for docker/build-push-action that really builds: the build context becomes one
// layer and the LABEL lines of the stage built (`target`, or the last) become config labels, written as an OCI archive at the
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

interface Stage {
  readonly name?: string;
  readonly from: string;
  readonly labels: Record<string, string>;
}

/** The stages of a Dockerfile: each `FROM image [AS name]` and its `LABEL key=value` lines. */
function stages(dockerfile: string): Stage[] {
  const found: Stage[] = [];
  for (const line of dockerfile.split('\n')) {
    const from = /^\s*FROM\s+(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
    if (from !== null) {
      found.push({
        from: from[1] ?? '',
        ...(from[2] === undefined ? {} : { name: from[2].toLowerCase() }),
        labels: {},
      });
      continue;
    }
    // A value is one word or a double-quoted string (`\"` and `\\` escaped inside).
    const label = /^\s*LABEL\s+([^=\s]+)=("(?:[^"\\]|\\.)*"|\S+)\s*$/i.exec(line);
    const stage = found.at(-1);
    if (label?.[1] !== undefined && label[2] !== undefined && stage !== undefined)
      stage.labels[label[1]] = label[2].startsWith('"')
        ? label[2].slice(1, -1).replace(/\\(["\\])/g, '$1')
        : label[2];
  }
  return found;
}

/**
 * The labels of the image a build produces: the `target` stage's (the last stage without one),
 * after those of the earlier stages it is built FROM, as an image inherits its parent's labels.
 * Undefined when the target stage does not exist (buildx fails the build then).
 */
export function dockerfileLabels(
  dockerfile: string,
  target?: string,
): Record<string, string> | undefined {
  const all = stages(dockerfile);
  const pick = (name: string | undefined): Stage | undefined =>
    name === undefined ? all.at(-1) : all.find((stage) => stage.name === name.toLowerCase());
  let stage = pick(target);
  if (stage === undefined) return undefined;
  const chain: Stage[] = [];
  while (stage !== undefined && !chain.includes(stage)) {
    chain.unshift(stage);
    stage = all.find((earlier) => earlier.name === stage?.from.toLowerCase());
  }
  return Object.assign({}, ...chain.map((s) => s.labels)) as Record<string, string>;
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
  const target = inputs.target === undefined || inputs.target === '' ? undefined : inputs.target;
  const labels = dockerfileLabels(dockerfile, target);
  if (labels === undefined) return { error: `target stage "${target ?? ''}" could not be found` };
  const image = buildImage({ layers: [contextFiles(context)], labels });
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
