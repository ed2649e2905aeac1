import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { mergeConfig } from 'vitest/config';
import base from './vitest.e2e.config.ts';

/**
 * The end-to-end files in the order E2E_ORDER names (comma-separated file names), to reproduce a
 * failure that depends on what an earlier file left in the shared server:
 *   E2E_ORDER=learning-classes.e2e.ts,learning-study.e2e.ts \
 *     npx vitest run --config vitest.e2e-order.config.ts e2e/learning-classes.e2e.ts e2e/learning-study.e2e.ts
 */
class InOrder extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const order = (process.env.E2E_ORDER ?? '').split(',');
    const rank = (f: TestSpecification) => order.findIndex((o) => f.moduleId.endsWith(`/${o}`));
    return files.sort((a, b) => rank(a) - rank(b));
  }
}

export default mergeConfig(base, { test: { sequence: { sequencer: InOrder } } });
