import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a plain web page: served from app://bundle in Electron and over
// http://127.0.0.1 by the test host. No Node, no Electron in here.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
