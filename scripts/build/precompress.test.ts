import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompress } from './precompress';

describe('precompress', () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'precompress-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('writes brotli and gzip copies that decode to the file, in subfolders too, and skips what does not benefit', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'assets'));
    const code = 'export const greeting = "hello";\n'.repeat(200);
    writeFileSync(join(dir, 'assets', 'app.js'), code);
    writeFileSync(join(dir, 'tiny.js'), 'x()');
    writeFileSync(join(dir, 'photo.png'), Buffer.alloc(5000));
    expect(await precompress(dir)).toBe(2);
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets', 'app.js.br'))).toString()).toBe(code);
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'app.js.gz'))).toString()).toBe(code);
    expect(existsSync(join(dir, 'tiny.js.br'))).toBe(false);
    expect(existsSync(join(dir, 'photo.png.br'))).toBe(false);
  });

  it('removes the compressed copies of a file that shrank below the threshold, so they are never sent in its place', async () => {
    const dir = scratch();
    const file = join(dir, 'widget.js');
    writeFileSync(file, 'long();'.repeat(500));
    await precompress(dir);
    writeFileSync(file, 'short()');
    await precompress(dir);
    expect(existsSync(`${file}.br`)).toBe(false);
    expect(existsSync(`${file}.gz`)).toBe(false);
  });

  it('gzips with Zopfli when asked: smaller, and still plain gzip', async () => {
    const dir = scratch();
    const code = Array.from({ length: 300 }, (_, i) => `export const value${i} = ${i * 7} + "${'x'.repeat(i % 13)}";`).join('\n');
    writeFileSync(join(dir, 'a.js'), code);
    await precompress(dir);
    const zlib = readFileSync(join(dir, 'a.js.gz')).length;
    await precompress(dir, { zopfli: true });
    const zopfli = readFileSync(join(dir, 'a.js.gz'));
    expect(gunzipSync(zopfli).toString()).toBe(code);
    expect(zopfli.length).toBeLessThan(zlib);
  });
});
