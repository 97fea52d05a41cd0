import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Built files are served by Django (django-vite reads dist/manifest.json; WhiteNoise serves
// them under /static/). See docs/adr/0002-frontend-served-by-django.md.
export default defineConfig({
  plugins: [react()],
  base: "/static/",
  build: {
    outDir: "dist",
    manifest: "manifest.json",
    emptyOutDir: true,
    rollupOptions: {
      // main: the React app; site: Bootstrap and the theme for server-rendered pages.
      input: { main: "src/main.tsx", site: "src/site.ts" },
    },
  },
  css: {
    preprocessorOptions: {
      scss: {
        // Bootstrap 5.3's SCSS still uses @import and global functions.
        quietDeps: true,
        silenceDeprecations: ["import", "global-builtin", "color-functions", "if-function"],
      },
    },
  },
  server: { origin: "http://127.0.0.1:5173" },
  test: {
    environment: "jsdom",
    setupFiles: ["src/test/setup.ts"],
    css: false,
  },
});
