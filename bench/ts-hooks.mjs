// Module hooks that let Node 20 run the TypeScript sources in place (src/, bench/, test/helpers/):
// `.js` imports that name a `.ts` file resolve to it, and `.ts` files are transpiled with the
// project's own TypeScript (types stripped only; `npm run typecheck` checks them). Running in place
// keeps every path the code derives from import.meta.url (migrations/, fixtures) the real one.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const compilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  verbatimModuleSyntax: true,
  inlineSourceMap: true,
  inlineSources: true,
};

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent && parent.startsWith('file:') && !parent.includes('/node_modules/') && /^(\.{1,2}\/|\/|file:)/.test(specifier) && specifier.endsWith('.js')) {
    const tsUrl = new URL(specifier.replace(/\.js$/, '.ts'), parent);
    if (!existsSync(fileURLToPath(new URL(specifier, parent))) && existsSync(fileURLToPath(tsUrl))) {
      return { url: tsUrl.href, shortCircuit: true };
    }
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.ts') && !url.includes('/node_modules/')) {
    const source = readFileSync(fileURLToPath(url), 'utf8');
    const out = ts.transpileModule(source, { compilerOptions, fileName: fileURLToPath(url) });
    return { format: 'module', source: out.outputText, shortCircuit: true };
  }
  return nextLoad(url, context);
}
