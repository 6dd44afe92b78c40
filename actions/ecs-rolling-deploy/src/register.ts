import type { EcsApi } from '@ecs-deploy/aws';
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
 * Registers `definition`, unless the service's live revision is the same after normalisation:
 * then the live one is reused, so re-running a deploy never piles up identical revisions.
 */
export async function registerUnlessLive(
  ecs: EcsApi,
  definition: TaskDefinitionDocument,
  liveArn: string | undefined,
  tags: readonly { key: string; value: string }[],
): Promise<Revision> {
  if (liveArn !== undefined) {
    const live = await ecs.describeTaskDefinition({ taskDefinition: liveArn });
    const document = JSON.parse(
      JSON.stringify(live.taskDefinition ?? {}),
    ) as TaskDefinitionDocument;
    if (
      document.family === definition.family &&
      isEquivalent(document, definition, { ignoreTags: true })
    ) {
      return {
        arn: live.taskDefinition?.taskDefinitionArn ?? liveArn,
        revision: live.taskDefinition?.revision ?? 0,
        registered: false,
      };
    }
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
