// The import graph of src/, type-only imports included: dpdm reads the TypeScript files, and the <script> blocks of
// Vue single-file components (which dpdm cannot parse) are read here with the same rules.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parseDependencyTree, type Dependency, type DependencyTree } from 'dpdm'
import { DependencyKind } from 'dpdm/lib/consts.js'
import ts from 'typescript'
import { parse as parseSfc } from 'vue/compiler-sfc'

export const ROOT = resolve(import.meta.dirname, '../..')
export const SRC = join(ROOT, 'src')

/** Every file under dir (recursively) whose name ends with one of the extensions. */
export function filesUnder(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), extensions) : extensions.some((x) => e.name.endsWith(x)) ? [join(dir, e.name)] : []))
    .sort()
}

/** The module specifiers a script imports or re-exports, `import type`, `import()` and `import('x').T` included. */
export function specifiersOf(fileName: string, code: string): { request: string; kind: DependencyKind }[] {
  const found: { request: string; kind: DependencyKind }[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier))
      found.push({ request: node.moduleSpecifier.text, kind: DependencyKind.StaticImport })
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      found.push({ request: node.moduleSpecifier.text, kind: DependencyKind.StaticExport })
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression))
      found.push({ request: node.moduleReference.expression.text, kind: DependencyKind.CommonJS })
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      found.push({ request: node.argument.literal.text, kind: DependencyKind.StaticImport })
    else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteral(node.arguments[0]!)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require'
      if (isImport || isRequire) found.push({ request: node.arguments[0].text, kind: isImport ? DependencyKind.DynamicImport : DependencyKind.CommonJS })
    }
    ts.forEachChild(node, visit)
  }
  visit(ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS))
  return found
}

/** The script of a Vue single-file component (`<script>` and `<script setup>` together). */
export function scriptOfSfc(file: string): string {
  const { descriptor, errors } = parseSfc(readFileSync(file, 'utf8'), { filename: file })
  if (errors.length > 0) throw new Error(`${file}: ${errors.map(String).join('; ')}`)
  return [descriptor.script?.content ?? '', descriptor.scriptSetup?.content ?? ''].join('\n')
}

const RESOLVED_EXTENSIONS = ['', '.ts', '.mts', '.vue', '.js', '.mjs', '/index.ts']

/** A relative import resolved to a file, as the bundler and TypeScript resolve it here; null for packages and builtins. */
function resolveRelative(issuer: string, request: string): string | null {
  if (!request.startsWith('.')) return null
  const base = resolve(dirname(issuer), request)
  const candidates = RESOLVED_EXTENSIONS.map((x) => base + x)
  // `./x.js` written for `./x.ts` (TypeScript's ESM convention).
  if (/\.m?js$/.test(base)) candidates.push(base.replace(/\.(m?)js$/, '.$1ts'))
  return candidates.find((c) => existsSync(c) && !c.endsWith('/')) ?? base
}

/** The import graph of src/ keyed by path relative to the repository; packages and builtins appear with a null id. */
export async function importGraphOfSrc(): Promise<DependencyTree> {
  const scripts = filesUnder(SRC, ['.ts', '.mts']).filter((f) => !f.endsWith('.d.ts'))
  // transform: false keeps type-only imports (`import type`, `import { type X }`): they tie modules together just as much.
  const tree = await parseDependencyTree(
    scripts.map((f) => relative(ROOT, f)),
    {
      cwd: ROOT,
      context: ROOT,
      tsconfig: join(ROOT, 'tsconfig.node.json'),
      transform: false,
      skipDynamicImports: false,
      include: /\/src\//,
      exclude: /\/node_modules\//
    }
  )
  const graph: Record<string, Dependency[] | null> = {}
  for (const [id, deps] of Object.entries(tree)) if (id.startsWith('src/')) graph[id] = deps ? [...deps] : deps
  for (const file of filesUnder(SRC, ['.vue'])) {
    const issuer = relative(ROOT, file)
    graph[issuer] = specifiersOf(file, scriptOfSfc(file)).map(({ request, kind }) => {
      const target = resolveRelative(file, request)
      return { issuer, request, kind, id: target === null ? null : relative(ROOT, target) }
    })
  }
  // dpdm reads `import('x').T` types as nothing: add them so a type import hidden in an annotation counts too.
  for (const file of scripts) {
    const issuer = relative(ROOT, file)
    const known = new Set((graph[issuer] ?? []).map((d) => d.request))
    for (const { request, kind } of specifiersOf(file, readFileSync(file, 'utf8'))) {
      if (known.has(request)) continue
      const target = resolveRelative(file, request)
      ;(graph[issuer] ??= []).push({ issuer, request, kind, id: target === null ? null : relative(ROOT, target) })
    }
  }
  return graph
}

/** Groups of files that import each other (Tarjan's strongly connected components with more than one file, or a file importing itself). */
export function tangles(graph: DependencyTree): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  const edges = (id: string): string[] => (graph[id] ?? []).flatMap((d) => (d.id && d.id in graph ? [d.id] : []))
  const connect = (v: string): void => {
    index.set(v, index.size)
    low.set(v, index.get(v)!)
    stack.push(v)
    onStack.add(v)
    for (const w of edges(v)) {
      if (!index.has(w)) {
        connect(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const group: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      group.push(w)
    } while (w !== v)
    if (group.length > 1 || edges(v).includes(v)) groups.push(group.sort())
  }
  for (const id of Object.keys(graph).sort()) if (!index.has(id)) connect(id)
  return groups.sort((a, b) => a[0]!.localeCompare(b[0]!))
}

/** Every elementary cycle within a group of files (each starting from its smallest file), at most `limit` of them. */
export function cyclesIn(graph: DependencyTree, group: readonly string[], limit = 100): string[][] {
  const members = new Set(group)
  const next = (id: string): string[] => [...new Set((graph[id] ?? []).flatMap((d) => (d.id && members.has(d.id) ? [d.id] : [])))].sort()
  const cycles: string[][] = []
  for (const start of [...group].sort()) {
    const walk = (path: string[]): void => {
      for (const n of next(path.at(-1)!)) {
        if (cycles.length >= limit) return
        if (n === start) cycles.push([...path])
        else if (n > start && !path.includes(n)) walk([...path, n])
      }
    }
    walk([start])
  }
  return cycles
}
