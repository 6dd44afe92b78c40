import { describe, expect, it } from '@jest/globals';
import { ParseError, renderTaskDefinitionText, ValidationError } from '../src/index.js';
import { fixtureText } from './fixtures.js';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const REGISTRY = '125951199018.dkr.ecr.ap-northeast-2.amazonaws.com';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('renderTaskDefinitionText', () => {
  it('renders the CodeDeploy fixture 21 with a digest into a register-ready definition', () => {
    const result = renderTaskDefinitionText(
      fixtureText('21'),
      { containers: [{ image: `${REGISTRY}/sbcntr-backend@${DIGEST}` }] },
      { requireDigest: true },
    );
    expect(result.taskDefinition.containerDefinitions[0]?.image).toBe(
      `${REGISTRY}/sbcntr-backend@${DIGEST}`,
    );
    expect(result.taskDefinition).not.toHaveProperty('taskRoleArn'); // explicit null dropped
    expect(result.warnings).toEqual([]);
    expect(result.tags).toBeUndefined();
    expect(result.json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(result.json)).toEqual(result.taskDefinition);
  });

  it('drops read-only members of describe output and hands back its tags', () => {
    const result = renderTaskDefinitionText(fixtureText('13'));
    expect(result.taskDefinition).not.toHaveProperty('revision');
    expect(result.taskDefinition).not.toHaveProperty('requiresAttributes');
    expect(result.tags).toEqual([]);
  });

  it('fails on the dropped-output bug with the cause and the fix in the message', () => {
    // The build job's registry output was masked and dropped, so the deploy job built "/repo@digest".
    const error = thrown(() =>
      renderTaskDefinitionText(fixtureText('21'), {
        containers: [{ image: `/sbcntr-backend@${DIGEST}` }],
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    const message = (error as ValidationError).message;
    expect(message).toContain('edits.containers[0].image');
    expect(message).toContain('an upstream job output was dropped by the runner');
    expect(message).toContain('derive the registry host in the deploying job');
  });

  it('fails validation when the placeholder is left unrendered, and with requireDigest on a tag', () => {
    const placeholder = thrown(() => renderTaskDefinitionText(fixtureText('21')));
    expect((placeholder as ValidationError).problems.map((p) => p.code)).toEqual([
      'image-placeholder',
    ]);
    const tagged = thrown(() =>
      renderTaskDefinitionText(
        fixtureText('21'),
        { images: { app: `${REGISTRY}/app:v1` } },
        { requireDigest: true },
      ),
    );
    expect((tagged as ValidationError).problems.map((p) => p.code)).toEqual(['image-not-pinned']);
  });

  it('passes parse errors through', () => {
    expect(thrown(() => renderTaskDefinitionText('{"family": '))).toBeInstanceOf(ParseError);
    expect(thrown(() => renderTaskDefinitionText('{}', {}, { maxBytes: 1 }))).toBeInstanceOf(
      ParseError,
    );
  });

  it('returns warnings without failing', () => {
    const result = renderTaskDefinitionText(fixtureText('08'));
    expect(result.warnings.map((p) => `${p.severity} ${p.code} ${p.path}`)).toEqual([
      'warning placeholder containerDefinitions[0].environment[0].value',
    ]);
  });
});
