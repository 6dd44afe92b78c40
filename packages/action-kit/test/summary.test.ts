import { describe, expect, it } from '@jest/globals';
import { Logger, SummaryWriter } from '../src/index.js';
import { fakeRuntime } from './fake-runtime.js';

describe('SummaryWriter', () => {
  it('keeps a summary under the 1 MiB the runner accepts (CreateStepSummaryCommand)', () => {
    const runtime = fakeRuntime({ GITHUB_STEP_SUMMARY: 'summary.md' });
    const summary = new SummaryWriter(runtime, new Logger(runtime));
    summary.add('é'.repeat(700_000)).add('tail');
    summary.flush();
    const text = runtime.files.get('summary.md') ?? '';
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 * 1024);
    expect(text).toMatch(/summary cut at the runner’s 1 MiB limit/);
  });
});
