import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it, vi } from 'vitest';

// The first lint of a probe builds the whole project's type information (type-aware rules):
// about 10 s here and several times that on a busy machine. A safety net, not a measure.
vi.setConfig({ testTimeout: 180_000 });

const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

/**
 * Lints `code` as a file standing at `file`. Type-aware lint needs the file on disk, so a
 * probe with a unique name is written there for the duration of the call only.
 */
async function ruleIds(code: string, file: string): Promise<string[]> {
  const ext = path.extname(file);
  const probe = path.join(root, path.dirname(file), `lint-probe-${randomUUID()}${ext}`);
  fs.writeFileSync(probe, code);
  try {
    const [result] = await eslint.lintFiles([probe]);
    const messages = result?.messages ?? [];
    const fatal = messages.find((m) => m.fatal);
    if (fatal) throw new Error(`The probe did not parse: ${fatal.message}`);
    return messages.map((m) => m.ruleId ?? m.message);
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

describe('import boundaries (DESIGN.md), enforced by lint', () => {
  it.each([
    ["import fs from 'node:fs';\nexport const x = fs;\n", 'shared/domain/probe.ts'],
    ["import path from 'path';\nexport const x = path;\n", 'shared/domain/probe.ts'],
    ["import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", 'shared/probe.ts'],
    ["import { createHost } from '../electron/host/host';\nexport const x = createHost;\n", 'shared/probe.ts'],
    ["import { createHost } from '../../electron/host/host';\nexport const x = createHost;\n", 'renderer/src/probe.ts'],
    ["import fs from 'node:fs';\nexport const x = fs;\n", 'renderer/src/probe.ts'],
    ["import { app } from 'electron';\nexport const x = app;\n", 'electron/host/probe.ts'],
    ["import { app } from 'electron';\nexport const x = app;\n", 'electron/cli/probe.ts'],
  ])('rejects %j in %s', async (code, file) => {
    expect(await ruleIds(code, file)).toContain('no-restricted-imports');
  });

  it.each([
    ["import { assertNever } from '../util/assert-never';\nexport const x = assertNever;\n", 'shared/domain/probe.ts'],
    ["import { catalog } from '../../shared/catalog/services';\nexport const x = catalog;\n", 'renderer/src/probe.ts'],
    ["import fs from 'node:fs';\nexport const x = fs;\n", 'electron/host/probe.ts'],
    ["import { app } from 'electron';\nexport const x = app;\n", 'electron/main/probe.ts'],
  ])('allows %j in %s', async (code, file) => {
    expect(await ruleIds(code, file)).not.toContain('no-restricted-imports');
  });
});

describe('user text goes through i18next', () => {
  it('flags literal text in JSX in the renderer', async () => {
    const code = "export function Probe() {\n  return <p>Place your card</p>;\n}\n";
    expect(await ruleIds(code, 'renderer/src/Probe.tsx')).toContain('i18next/no-literal-string');
  });

  it('accepts translated text', async () => {
    const code =
      "import { useTranslation } from 'react-i18next';\nexport function Probe() {\n  const { t } = useTranslation();\n  return <p>{t('identify.heading')}</p>;\n}\n";
    expect(await ruleIds(code, 'renderer/src/Probe.tsx')).not.toContain('i18next/no-literal-string');
  });
});

describe('tests stay honest', () => {
  it.each(['it.only', 'describe.skip', 'test.skip', 'it.todo'])('flags %s', async (call) => {
    const code = `import { it, describe, test } from 'vitest';\nvoid [it, describe, test];\n${call}('x', () => {});\n`;
    expect(await ruleIds(code, 'tests/unit/probe.test.ts')).toContain('no-restricted-syntax');
  });
});
