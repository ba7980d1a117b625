/**
 * Builds the interactive player (viz/) into dist/viz/: index.html, style.css, main.js (the
 * page) and worker.js (the simulation), with the shipped scenarios' text bundled in, so the
 * page needs no server and no network. `npm run build` runs it after tsc; `npm run viz`
 * serves the same build locally with esbuild's server and rebuilds on change.
 *
 *   tsx scripts/build-viz.ts            build dist/viz/
 *   tsx scripts/build-viz.ts --serve    serve it at http://127.0.0.1:8000/ (PORT to change)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const VIZ_OUT_DIR = join(ROOT, 'dist', 'viz');

/** `import { SHIPPED_SCENARIOS } from 'msasim:shipped-scenarios'`: every scenarios/*.yaml, by name. */
const shippedScenarios: esbuild.Plugin = {
  name: 'shipped-scenarios',
  setup(build) {
    build.onResolve({ filter: /^msasim:shipped-scenarios$/ }, (args) => ({
      path: args.path,
      namespace: 'shipped-scenarios',
    }));
    build.onLoad({ filter: /.*/, namespace: 'shipped-scenarios' }, () => {
      const dir = join(ROOT, 'scenarios');
      const files = readdirSync(dir)
        .filter((name) => name.endsWith('.yaml'))
        .sort();
      const entries = files.map((file) => ({
        name: basename(file, '.yaml'),
        fileName: file,
        text: readFileSync(join(dir, file), 'utf8'),
      }));
      return {
        contents: `export const SHIPPED_SCENARIOS = ${JSON.stringify(entries)};`,
        loader: 'js',
        watchFiles: files.map((file) => join(dir, file)),
      };
    });
  },
};

export function vizBuildOptions(outdir: string): esbuild.BuildOptions {
  return {
    absWorkingDir: ROOT,
    entryPoints: {
      main: 'viz/main.ts',
      worker: 'viz/worker.ts',
      index: 'viz/index.html',
      style: 'viz/style.css',
    },
    loader: { '.html': 'copy' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outdir,
    plugins: [shippedScenarios],
    logLevel: 'warning',
  };
}

export async function buildViz(outdir = VIZ_OUT_DIR): Promise<void> {
  await esbuild.build(vizBuildOptions(outdir));
}

async function serve(): Promise<void> {
  const context = await esbuild.context(vizBuildOptions(VIZ_OUT_DIR));
  await context.watch();
  const port = Number(process.env.PORT ?? 8000);
  const { hosts, port: bound } = await context.serve({
    servedir: VIZ_OUT_DIR,
    port,
    host: '127.0.0.1',
  });
  process.stdout.write(
    `msasim player: http://${hosts[0] ?? '127.0.0.1'}:${bound}/ (Ctrl-C to stop)\n`,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--serve')) await serve();
  else await buildViz();
}
