// @ts-check
import { defineConfig } from 'astro/config';

export default defineConfig({
  outDir: process.env.XINGFU_SITE_DIST ?? './dist',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  telemetry: false,
});
