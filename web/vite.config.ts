import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are resolved from this file so the build works from any working directory.
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    // Sizes are printed with gzip so the 200 KB first-load budget (ARCHITECTURE.md) can be read off.
    reportCompressedSize: true,
    // The admin vendor chunk (antd) is big but only loaded for admin screens.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
