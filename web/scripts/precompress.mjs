// Writes name.br (Brotli, quality 11) and name.gz (gzip, level 9) beside each compressible file of the
// built UI, so the app sends them as they are instead of compressing every response (LedgerStaticFiles.cs).
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = fileURLToPath(new URL('../../src/ProjectLedger/wwwroot/', import.meta.url));
// The types LedgerStaticFiles serves precompressed (its Compressible list). Not index.html: UiPage renders
// it per response with that response's nonce, so a copy written here would never be sent.
const compressible = /\.(js|css|svg|json)$/;
let files = 0, before = 0, after = 0;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { walk(path); continue; }
    if (!compressible.test(name)) continue;
    const body = readFileSync(path);
    const br = brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    writeFileSync(path + '.br', br);
    writeFileSync(path + '.gz', gzipSync(body, { level: 9 }));
    files++; before += body.length; after += br.length;
  }
}

walk(root);
console.log(`precompress: ${files} files, ${Math.round(before / 1024)} KiB -> ${Math.round(after / 1024)} KiB with Brotli`);
