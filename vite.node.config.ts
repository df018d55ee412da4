import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';
import pkg from './package.json' with { type: 'json' };

// Node-side bundles (ESM): the Electron main process, the analysis worker, the CLI and
// the renderer test host. Dependencies stay external (they live in node_modules / app.asar).
const external = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies ?? {}),
];

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/node',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        'electron-main': 'src/main/electron/main.ts',
        'analysis-worker': 'src/main/worker/analysis-worker.ts',
        'parse-worker': 'src/main/parse/parse-worker.ts',
        cli: 'src/main/cli/index.ts',
        'test-host': 'src/main/testhost/server.ts',
      },
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
