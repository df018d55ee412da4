import { defineConfig } from 'vite';

// Sandboxed preloads must be a single CommonJS file that only requires 'electron': dependencies (zod, for
// the contract's schemas) are bundled, not required.
export default defineConfig({
  ssr: { noExternal: true },
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
