import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const seeds = readdirSync(path.join(root, 'seeds'))
  .filter((f) => f.endsWith('.txt'))
  .sort();

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ['-r', './scripts/register.js', 'apps/cli/src/main.ts', ...args],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli extract --json (the extraction contract)', () => {
  it('prints one JSON object with every document, in argument order, and exits 0', () => {
    const r = cli(['extract', '--json', ...seeds.map((f) => path.join('seeds', f))]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      documents: { file: string; tasks: unknown[]; supervision: { cadence: string } }[];
    };
    expect(out.documents.map((d) => d.file)).toEqual(seeds);
    expect(out.documents.map((d) => d.tasks.length)).toEqual([31, 52, 38, 32, 18]);
    for (const d of out.documents) expect(d.supervision.cadence).toBe('quarterly');
  });

  it('refuses an unreadable file on stderr by name, without inventing JSON for it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'extract-'));
    writeFileSync(path.join(dir, 'blank.txt'), '   \n');
    writeFileSync(
      path.join(dir, 'image.png'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2]),
    );
    const r = cli([
      'extract',
      '--json',
      path.join('seeds', seeds[0]),
      path.join(dir, 'blank.txt'),
      path.join(dir, 'image.png'),
    ]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('blank.txt');
    expect(r.stderr).toContain('image.png');
    const out = JSON.parse(r.stdout) as { documents: { file: string }[] };
    expect(out.documents.map((d) => d.file)).toEqual([seeds[0]]);
  });

  it('reads Word and PDF files like text, keeps stdout JSON only, and refuses a scanned PDF', () => {
    const fix = 'libs/documents/src/__fixtures__';
    const r = cli([
      'extract',
      '--json',
      `${fix}/corpus/2012-guangzhou-talent-gathering-opinions.pdf`,
      `${fix}/annex-table-tabs.docx`,
      `${fix}/scanned-image-only.pdf`,
    ]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { documents: { file: string; tasks: unknown[] }[] };
    expect(out.documents.map((d) => [d.file, d.tasks.length])).toEqual([
      ['2012-guangzhou-talent-gathering-opinions.pdf', 44],
      ['annex-table-tabs.docx', 9],
    ]);
    expect(r.stderr).toContain('scanned-image-only.pdf: PDF has no text layer');
  });

  it('names a file that does not exist', () => {
    const r = cli(['extract', '--json', 'no-such-file.txt']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('no-such-file.txt');
  });
});
