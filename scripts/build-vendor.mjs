// Bundles the npm front-end libraries into static/vendor/, so that the site
// itself needs no Node: run `npm ci && npm run vendor` after changing
// package.json, then commit static/vendor/.
import { build } from "esbuild";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "vendor");
const version = (name) =>
  JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;

const common = {
  bundle: true,
  minify: true,
  legalComments: "eof",
  target: ["es2019"],
  // Workbox strips its development logging and assertions in production builds.
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
  absWorkingDir: root,
};

const bundles = [
  {
    // Classic script for the service worker (importScripts), exposing one
    // global `workbox` namespace, like Workbox's own CDN loader but local.
    file: "workbox-sw.js",
    format: "iife",
    globalName: "workbox",
    source: `
      export * as core from "workbox-core";
      export * as precaching from "workbox-precaching";
      export * as routing from "workbox-routing";
      export * as strategies from "workbox-strategies";
      export * as expiration from "workbox-expiration";
      export * as navigationPreload from "workbox-navigation-preload";
    `,
    banner: `/* workbox ${version("workbox-core")} (MIT), bundled by scripts/build-vendor.mjs */`,
  },
  {
    // ES module for the pages: registration, update prompt.
    file: "workbox-window.mjs",
    format: "esm",
    source: `export { Workbox, messageSW } from "workbox-window";`,
    banner: `/* workbox-window ${version("workbox-window")} (MIT), bundled by scripts/build-vendor.mjs */`,
  },
  {
    // ES module for the journal's IndexedDB layer.
    file: "dexie.mjs",
    format: "esm",
    source: `export * from "dexie"; export { default } from "dexie";`,
    banner: `/* dexie ${version("dexie")} (Apache-2.0), bundled by scripts/build-vendor.mjs */`,
  },
];

mkdirSync(out, { recursive: true });
for (const b of bundles) {
  await build({
    ...common,
    stdin: { contents: b.source, resolveDir: root, sourcefile: b.file, loader: "js" },
    format: b.format,
    globalName: b.globalName,
    banner: { js: b.banner },
    outfile: join(out, b.file),
  });
  console.log(`static/vendor/${b.file}`);
}
writeFileSync(
  join(out, "VERSIONS.txt"),
  ["workbox-window", "workbox-core", "workbox-precaching", "workbox-routing", "workbox-strategies",
    "workbox-expiration", "workbox-navigation-preload", "dexie", "esbuild"]
    .map((name) => `${name} ${version(name)}`)
    .join("\n") + "\n",
);
