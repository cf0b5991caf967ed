import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The module boundaries are enforced by lint: this proves the rule fires on wrong imports and
 * stays quiet on right ones, using the workspace's own ESLint config.
 */
describe('module boundaries', () => {
  const root = join(__dirname, '../..');
  // ESLint's flat config is ESM, which jest's module sandbox cannot load: run the real CLI.
  const boundaryErrors = async (file: string, code: string) => {
    const run = spawnSync('npx', ['eslint', '--format', 'json', '--stdin', '--stdin-filename', join(root, file)], {
      cwd: root,
      input: code,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[];
    return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries');
  };

  it('refuses the shared domain importing the API', async () => {
    const errors = await boundaryErrors('libs/domain/src/lib/wrong.ts', `import { CoreModule } from '@crm/api/core';\nexport const x = CoreModule;\n`);
    expect(errors).toHaveLength(1);
  });

  it('refuses web code importing API code', async () => {
    const errors = await boundaryErrors('libs/web/core/src/lib/wrong.ts', `import { ReferenceModule } from '@crm/api/reference';\nexport const x = ReferenceModule;\n`);
    expect(errors).toHaveLength(1);
  });

  it('refuses a relative import across projects', async () => {
    const errors = await boundaryErrors('libs/api/health/src/lib/wrong.ts', `import { CoreModule } from '../../../core/src/lib/core.module';\nexport const x = CoreModule;\n`);
    expect(errors.length).toBeGreaterThanOrEqual(1);
  });

  it('allows an API feature to use the core and the domain', async () => {
    const errors = await boundaryErrors(
      'libs/api/health/src/lib/right.ts',
      `import { CoreModule } from '@crm/api/core';\nimport { STAGES } from '@crm/domain';\nexport const x = [CoreModule, STAGES];\n`,
    );
    expect(errors).toEqual([]);
  });
});
