import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

/**
 * Electron's main process and the engine's utility process (ESM, built together: main.js starts
 * engine.js) and the preload (CommonJS: sandboxed preloads cannot be modules).
 */
const electronBuilds: Record<string, UserConfig> = {
  'electron-main': {
    build: {
      ssr: true,
      outDir: 'dist-electron',
      emptyOutDir: false,
      rollupOptions: {
        input: { main: 'electron/main/index.ts', engine: 'electron/engine/host/engine-entry.ts', 'optimize-worker': 'electron/engine/backtest/optimize/optimize-worker.ts' },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  'electron-preload': {
    build: {
      ssr: 'electron/preload/index.ts',
      outDir: 'dist-electron',
      emptyOutDir: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'preload.cjs' } },
    },
  },
};

export default defineConfig(({ mode }) =>
  electronBuilds[mode] ?? {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
    test: {
      root: '.',
      include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts'],
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  },
);
