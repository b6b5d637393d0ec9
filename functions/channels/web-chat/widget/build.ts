/** Bundles the widget (one minified IIFE, no dependencies) and its stylesheet with esbuild. */
import { build } from 'esbuild';

export interface WidgetAssets {
  js: string;
  css: string;
}

const here = new URL('.', import.meta.url).pathname;

export async function buildWidget(): Promise<WidgetAssets> {
  const [script, style] = await Promise.all([
    build({
      entryPoints: [`${here}widget.ts`],
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      write: false,
      legalComments: 'none',
    }),
    build({ entryPoints: [`${here}widget.css`], bundle: true, minify: true, write: false, loader: { '.css': 'css' } }),
  ]);
  return { js: script.outputFiles[0]!.text, css: style.outputFiles[0]!.text };
}
