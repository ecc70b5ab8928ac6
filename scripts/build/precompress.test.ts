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

  it('writes brotli and gzip copies that decode to the file, in subfolders too, and skips what does not benefit', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'assets'));
    const code = 'export const greeting = "hello";\n'.repeat(200);
    writeFileSync(join(dir, 'assets', 'app.js'), code);
    writeFileSync(join(dir, 'tiny.js'), 'x()');
    writeFileSync(join(dir, 'photo.png'), Buffer.alloc(5000));
    expect(precompress(dir)).toBe(2);
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets', 'app.js.br'))).toString()).toBe(code);
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'app.js.gz'))).toString()).toBe(code);
    expect(existsSync(join(dir, 'tiny.js.br'))).toBe(false);
    expect(existsSync(join(dir, 'photo.png.br'))).toBe(false);
  });

  it('removes the compressed copies of a file that shrank below the threshold, so they are never sent in its place', () => {
    const dir = scratch();
    const file = join(dir, 'widget.js');
    writeFileSync(file, 'long();'.repeat(500));
    precompress(dir);
    writeFileSync(file, 'short()');
    precompress(dir);
    expect(existsSync(`${file}.br`)).toBe(false);
    expect(existsSync(`${file}.gz`)).toBe(false);
  });
});
