import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Paths are resolved from this file so the build works from any working directory.
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes a .br and a .gz beside every text file of the build, at the strongest settings (done
 * once, at build time), for the server to send as they are (@fastify/static `preCompressed`).
 * A copy that would not be at least 10% smaller is not written: the server then sends the file.
 */
function precompress(): Plugin {
  return {
    name: 'hongyun:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? here('../dist/web');
      const files = Object.keys(bundle).filter((f) => /\.(js|mjs|css|html|svg|json|txt)$/.test(f));
      let raw = 0;
      let br = 0;
      let gz = 0;
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(dir, name);
          const data = await fs.readFile(file);
          raw += data.length;
          const [b, g] = await Promise.all([
            brotli(data, {
              params: {
                [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            }),
            gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          const worth = (c: Buffer) => c.length < data.length * 0.9;
          if (worth(b)) await fs.writeFile(`${file}.br`, b);
          if (worth(g)) await fs.writeFile(`${file}.gz`, g);
          br += worth(b) ? b.length : data.length;
          gz += worth(g) ? g.length : data.length;
        }),
      );
      const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
      this.info(`precompressed ${files.length} files: ${kB(raw)} → brotli ${kB(br)}, gzip ${kB(gz)}`);
    },
  };
}

export default defineConfig({
  root: here('.'),
  plugins: [react(), precompress()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    // Sizes are printed with gzip so the 200 KB first-load budget (ARCHITECTURE.md) can be read off.
    reportCompressedSize: true,
    // The admin vendor chunk (antd) is big but only loaded for admin screens.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The libraries every page needs get one long-cached chunk of their own; antd stays split
          // per admin screen by the automatic splitting.
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser|i18next|react-i18next|html-parse-stringify|void-elements|@tanstack)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
