import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The Lambda entries infra bundles (functions/channels/<channel>/<entry>.ts), as infra/constructs/functions.ts names them. */
const lambdaEntries = () => {
  const infra = readFileSync(new URL('../infra/constructs/functions.ts', import.meta.url), 'utf8');
  return [...infra.matchAll(/this\.add\('\w+', '([a-z-]+\/[a-z-]+\.ts)'/g)].map((m) => m[1]!);
};

/** package.json's import aliases (#core/*, #shared/*, …), as esbuild resolves them. */
const aliases = Object.entries(
  (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { imports: Record<string, string> })
    .imports,
).map(([alias, target]) => [alias.replace('*', ''), target.replace('*', '').replace(/^\.\//, '')] as const);

/** The repository files a module specifier names, or undefined for a package. */
function resolveSpecifier(spec: string, from: string): string | undefined {
  for (const [alias, target] of aliases) if (spec.startsWith(alias)) return target + spec.slice(alias.length);
  if (spec.startsWith('.')) return new URL(spec, new URL(from, 'file:///')).pathname.slice(1);
  return undefined;
}

/**
 * Every repository file esbuild bundles from `entry` (paths from the repository root): value imports, re-exports
 * and dynamic imports, not type-only ones, which are erased. The walk does not go past a file in `stopAt`.
 */
function bundledFiles(entry: string, stopAt: ReadonlySet<string> = new Set()): Set<string> {
  const root = new URL('../', import.meta.url);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (stopAt.has(file)) return;
    const source = ts.createSourceFile(file, readFileSync(new URL(file, root), 'utf8'), ts.ScriptTarget.Latest, true);
    const specs: string[] = [];
    const walk = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
        const bindings = node.importClause?.namedBindings;
        const onlyTypes =
          !node.importClause?.name &&
          bindings &&
          ts.isNamedImports(bindings) &&
          bindings.elements.length > 0 &&
          bindings.elements.every((e) => e.isTypeOnly);
        if (!onlyTypes) specs.push((node.moduleSpecifier as ts.StringLiteral).text);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly)
        specs.push((node.moduleSpecifier as ts.StringLiteral).text);
      else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      )
        specs.push(node.arguments[0].text);
      ts.forEachChild(node, walk);
    };
    walk(source);
    for (const spec of specs) {
      const target = resolveSpecifier(spec, file);
      if (target) visit(target);
    }
  };
  visit(entry);
  return seen;
}

// The core is plain TypeScript: channels and adapters depend on it, never the other way round.
describe('architecture', () => {
  it('functions/core (and its folders) imports nothing from AWS, Bot Framework, middy, node built-ins or outside the core', () => {
    const dir = new URL('../functions/core/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const offending: string[] = [];
    for (const file of files) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      const depth = file.split('/').length - 1;
      for (const [, spec] of source.matchAll(/from ['"]([^'"]+)['"]/g)) {
        // A relative path out of the folder, or an alias other than #core/* (#shared/*, #adapters/*, #knowledge/*).
        const leavesCore = spec!.startsWith('../'.repeat(depth + 1)) || /^#(?!core\/)/.test(spec!);
        if (/^(?:@aws-sdk|aws-cdk-lib|botbuilder|@middy|node:)/.test(spec!) || leavesCore)
          offending.push(`${file} → ${spec}`);
      }
      if (/\bprocess\.env\b/.test(source)) offending.push(`${file} reads process.env`);
    }
    expect(files.length).toBeGreaterThan(10);
    expect(offending).toEqual([]);
  });

  it('only functions/channels/teams/bot-framework.ts imports the Bot Framework SDK (so moving SDKs is one module)', () => {
    const dir = new URL('../functions/', import.meta.url);
    const importers = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /from ['"]botbuilder|from ['"]botframework-/.test(readFileSync(new URL(f, dir), 'utf8')));
    expect(importers).toEqual(['channels/teams/bot-framework.ts']);
  });

  it('no code in functions/ imports the knowledge build pipeline or the audit rules itself (kb:build writes audit.json)', () => {
    const dir = new URL('../functions/', import.meta.url);
    const offending = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.startsWith('cli/'))
      .filter((f) =>
        /from ['"](?:[./]*knowledge\/|#knowledge\/)(?:pipeline|audit)\b/.test(readFileSync(new URL(f, dir), 'utf8')),
      );
    expect(offending).toEqual([]);
  });

  it('no Lambda bundles the pipeline or the audit rules, but the digest, for kb:check’s check only', () => {
    // The one exception: the digest runs kb:check's check of the published notices once a week, and its cold start
    // does not matter; the chat, Teams, SAR and other Lambdas answer people and may not carry the pipeline.
    const exception = { entry: 'escalation/weekly-digest.ts', module: 'knowledge/import/check.ts' };
    const forbidden = (file: string) => /^knowledge\/(?:pipeline|audit)\//.test(file) || file === exception.module;
    const entries = lambdaEntries();
    expect(entries).toContain(exception.entry);
    for (const entry of entries) {
      const stopAt = entry === exception.entry ? new Set([exception.module]) : new Set<string>();
      const reached = [...bundledFiles(`functions/channels/${entry}`, stopAt)];
      const offending = reached.filter((f) => forbidden(f) && !stopAt.has(f));
      expect(offending, entry).toEqual([]);
      if (entry === exception.entry) expect(reached, entry).toContain(exception.module);
    }
    // Through the exception, the digest reaches the pipeline but still not the audit rules (it reads audit.json).
    const digest = [...bundledFiles(`functions/channels/${exception.entry}`)];
    expect(digest.some((f) => f.startsWith('knowledge/pipeline/'))).toBe(true);
    expect(digest.filter((f) => f.startsWith('knowledge/audit/'))).toEqual([]);
  });

  it('channels take their ports from the core, never from an adapter (only an entry or its wire.ts wires adapters)', () => {
    const dir = new URL('../functions/channels/', import.meta.url);
    const entries = new Set(lambdaEntries());
    const offending = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !/\/wire(?:-[\w-]+)?\.ts$/.test(f) && !entries.has(f))
      .filter((f) => /from ['"](?:[./]*|#)adapters\//.test(readFileSync(new URL(f, dir), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('no channel imports another, but for a Lambda entry taking another channel’s composition root (its wire.ts)', () => {
    const dir = new URL('../functions/channels/', import.meta.url);
    const entries = new Set(lambdaEntries());
    const offending: string[] = [];
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const channel = file.split('/')[0]!;
      for (const [, spec] of readFileSync(new URL(file, dir), 'utf8').matchAll(/from ['"](\.[^'"]+)['"]/g)) {
        const target = new URL(spec!, new URL(file, dir)).pathname;
        const relative = target.slice(dir.pathname.length);
        if (!target.startsWith(dir.pathname) || relative.split('/')[0] === channel) continue;
        if (/\/wire\.ts$/.test(relative) && entries.has(file)) continue;
        offending.push(`${file} → ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('Lambda entries take their environment from shared/env.ts (no inline schema, no string-literal names)', () => {
    const dir = new URL('../functions/channels/', import.meta.url);
    const entries = lambdaEntries();
    const offending = entries.filter((f) => {
      const source = readFileSync(new URL(f, dir), 'utf8');
      return /from ['"]zod/.test(source) || /\bprocess\.env\b/.test(source);
    });
    expect(entries).toHaveLength(7); // chat, SAR intake, escalation, mail retry, digest, reminders, Teams
    expect(offending).toEqual([]);
  });

  it('rooms a reader can hold: no code file over 500 lines, no function over 80, in functions/, knowledge/ and infra/', () => {
    const root = new URL('../', import.meta.url);
    const found: string[] = [];
    for (const top of ['functions', 'knowledge', 'infra']) {
      const dir = new URL(`${top}/`, root);
      for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        // Word lists and other data (*.data.ts, data/) are not rooms to read.
        if (!file.endsWith('.ts') || /(?:^|\/)(?:build|data)\/|\.data\.ts$/.test(file)) continue;
        const path = `${top}/${file}`;
        const text = readFileSync(new URL(file, dir), 'utf8');
        if (text.split('\n').length > 500) found.push(path);
        const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
        const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
        const visit = (node: ts.Node) => {
          if (
            ts.isFunctionLike(node) &&
            'body' in node &&
            node.body &&
            lineOf(node.getEnd()) - lineOf(node.getStart()) >= 80
          ) {
            const name = ts.isConstructorDeclaration(node)
              ? 'constructor'
              : (node.name?.getText(source) ?? '(anonymous)');
            found.push(`${path} ${name}`);
          }
          ts.forEachChild(node, visit);
        };
        visit(source);
      }
    }
    expect(found).toEqual([]);
  });
});
