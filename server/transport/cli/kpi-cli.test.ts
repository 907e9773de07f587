import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/plugins');

function check(...folders: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'server/transport/cli/kpi-cli.ts', 'check', ...folders],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe('npm run kpi -- check', () => {
  it('passes plugins in every format, importing the kit by its package name, and names each file it skipped', async () => {
    const { code, stdout } = await check(path.join(FIXTURES, 'kit-imports'), path.join(FIXTURES, 'formats'));
    expect(stdout).toContain(
      `ok    ${path.join(FIXTURES, 'kit-imports/bed-days-lost.kpi.js')}: bed-days-lost, 2 inputs`,
    );
    expect(stdout).toContain(
      `ok    ${path.join(FIXTURES, 'kit-imports/ward-moves.kpi.mjs')}: ward-moves, 2 inputs`,
    );
    expect(stdout).toContain(
      `ok    ${path.join(FIXTURES, 'formats/peer-support.kpi.ts')}: peer-support, 2 inputs`,
    );
    expect(stdout).toContain(`skip  ${path.join(FIXTURES, 'formats/helpers.js')}: not named <key>.kpi.js`);
    expect(stdout).toContain(`skip  ${path.join(FIXTURES, 'formats/bed-occupancy.kpi.test.js')}: a test`);
    expect(stdout).toContain('6 plugins ok, 0 problems');
    expect(code).toBe(0);
  });

  it('reports every broken plugin with the coded message start-up gives, and exits 1', async () => {
    const folders = [
      'syntax-error',
      'syntax-error-esm',
      'unordered-tiers',
      'duplicate-key',
      'throwing-calculate',
      'throwing-validate',
    ];
    const { code, stdout } = await check(...folders.map((folder) => path.join(FIXTURES, folder)));
    const failures = stdout.split('\n').filter((line) => line.startsWith('fail  '));
    expect(failures).toEqual([
      expect.stringMatching(
        /^fail {2}KPI_LOAD_FAILED: .*broken\.kpi\.js: line 6: Identifier 'tiers' has already been declared$/,
      ),
      expect.stringMatching(/^fail {2}KPI_LOAD_FAILED: .*broken-module\.kpi\.mjs: line 5: /),
      expect.stringMatching(
        /^fail {2}KPI_TIERS_UNORDERED: .*bad-tiers\.kpi\.js \(field "tiers"\): for LOWER_IS_BETTER/,
      ),
      expect.stringMatching(
        /^fail {2}KPI_DUPLICATE_KEY: .*seven-day-follow-up-local\.kpi\.js \(field "key"\): "seven-day-follow-up" is already defined by .*plugins\/seven-day-follow-up\.kpi\.ts$/,
      ),
      expect.stringMatching(
        /^fail {2}KPI_CALCULATION_FAILED: .*always-throws\.kpi\.js \(field "calculate"\): on \{"events":0\}: calculate threw: division by zero/,
      ),
      expect.stringMatching(
        /^fail {2}KPI_VALIDATE_FAILED: .*unchecked-feedback\.kpi\.js \(field "validate"\): threw on/,
      ),
    ]);
    expect(stdout).toContain('0 plugins ok, 6 problems');
    expect(code).toBe(1);
  });

  it('names a folder that does not exist, and explains itself when called without one', async () => {
    const missing = await check(path.join(FIXTURES, 'no-such-folder'));
    expect(missing.stdout).toContain(
      `fail  KPI_LOAD_FAILED: ${path.join(FIXTURES, 'no-such-folder')}: the plugin folder does not exist`,
    );
    expect(missing.code).toBe(1);
    const usage = await check();
    expect(usage.stderr).toContain('Usage: npm run kpi -- check <folder>');
    expect(usage.code).toBe(2);
  });
});
