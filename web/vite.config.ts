import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

const VENDORS: Array<[chunk: string, pattern: RegExp]> = [
  ['echarts', /node_modules\/(echarts|echarts-for-react|zrender)\//],
  ['react', /node_modules\/(react|react-dom|react-router|react-router-dom|scheduler)\//],
  ['antd', /node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|dayjs)\//],
];

function vendorChunk(id: string): string | undefined {
  return VENDORS.find(([, pattern]) => pattern.test(id))?.[0];
}

// React's JSX is compiled by Vite's own esbuild (no @vitejs/plugin-react: it needs Vite 8 with npm here).
export default defineConfig({
  root,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      // antd's "use client" markers mean nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      // Libraries in chunks of their own: they change less often than the pages, so browsers keep them cached.
      output: { manualChunks: vendorChunk },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
