import { defineConfig } from 'vite';

// Sandboxed preloads must be a single CommonJS file that only requires 'electron'.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { preload: 'src/main/electron/preload.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
});
