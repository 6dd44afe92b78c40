import { AwsError, describeTaskDefinitionDocument, type EcsApi } from '@ecs-deploy/aws';
import { isEquivalent, type TaskDefinitionDocument } from '@ecs-deploy/task-definition';
import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';

/** The revision the service will run. */
export interface Revision {
  readonly arn: string;
  readonly revision: number;
  /** False when the live revision was equal and is reused. */
  readonly registered: boolean;
}

/**
 * Registers `definition`, unless an equal revision exists after normalisation: the service's live
 * one, or the family's latest ACTIVE one (left by an earlier run whose UpdateService failed). So
 * re-running a deploy never piles up identical revisions.
 */
export async function registerUnlessLive(
  ecs: EcsApi,
  definition: TaskDefinitionDocument,
  liveArn: string | undefined,
  tags: readonly { key: string; value: string }[],
): Promise<Revision> {
  const family = typeof definition.family === 'string' ? definition.family : '';
  for (const candidate of [...new Set([liveArn, family])]) {
    if (candidate === undefined || candidate === '') continue;
    const existing = await describeIfAny(ecs, candidate);
    if (existing === undefined || existing.family !== definition.family) continue;
    if (!isEquivalent(existing, definition, { ignoreTags: true })) continue;
    const arn = existing.taskDefinitionArn;
    return {
      arn: typeof arn === 'string' ? arn : candidate,
      revision: Number(existing.revision),
      registered: false,
    };
  }
  const { tags: fileTags, ...body } = definition as TaskDefinitionDocument & {
    tags?: { key: string; value: string }[];
  };
  const merged = new Map<string, string>((fileTags ?? []).map((t) => [t.key, t.value]));
  for (const tag of tags) merged.set(tag.key, tag.value);
  // The document was validated by the task-definition package; the SDK type is its wire shape.
  const input = {
    ...body,
    tags: [...merged].map(([key, value]) => ({ key, value })),
  } as unknown as RegisterTaskDefinitionCommandInput;
  const answer = await ecs.registerTaskDefinition(input);
  return {
    arn: answer.taskDefinition?.taskDefinitionArn ?? '',
    revision: answer.taskDefinition?.revision ?? 0,
    registered: true,
  };
}

/** The task definition a name or ARN points at, or undefined for a family never registered. */
async function describeIfAny(
  ecs: EcsApi,
  name: string,
): Promise<TaskDefinitionDocument | undefined> {
  try {
    return (await describeTaskDefinitionDocument(ecs, name, false))
      .definition as TaskDefinitionDocument;
  } catch (error) {
    if (error instanceof AwsError && error.kind === 'invalid-request') return undefined;
    throw error;
  }
}
