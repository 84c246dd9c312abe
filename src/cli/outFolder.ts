/**
 * `paths --out DIR` and its manifest, `DIR/kiosk-sim-paths.json`: the files one run wrote, with the
 * command, seed and generator. A second run into the folder replaces exactly those files; a folder
 * holding anything else is refused, so an earlier run's paths are never mixed into the results;
 * `coverage DIR` (or `--manifest FILE`) replays only the files listed.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { JsonFileError, readJsonFile } from '../node/jsonFile'

export const MANIFEST = 'kiosk-sim-paths.json'

const manifestSchema = z.strictObject({
  kind: z.literal('kiosk-sim paths manifest'),
  command: z.string(),
  generator: z.string(),
  seed: z.number().int().nonnegative(),
  /** File names in the folder (no paths); `scenario` files replay with run and coverage, `json` is `--format json`'s report. */
  files: z.array(
    z.strictObject({ file: z.string().regex(/^(?!\.\.?$)[^/\\]+$/, 'a file name in the manifest folder, no path'), kind: z.enum(['scenario', 'json']) })
  )
})

export type Manifest = z.infer<typeof manifestSchema>

/** A folder `--out` must not write into, or a manifest that cannot be read; the CLI exits 2 with the message. */
export class OutFolderError extends Error {
  override name = 'OutFolderError'
}

/** Reads and checks a manifest file; throws OutFolderError naming the file and what is wrong. */
export function readManifest(path: string): Manifest {
  let raw: unknown
  try {
    raw = readJsonFile(path)
  } catch (err) {
    if (err instanceof JsonFileError) throw new OutFolderError(err.issues.join('; '))
    throw err
  }
  const parsed = manifestSchema.safeParse(raw)
  if (!parsed.success)
    throw new OutFolderError(
      `${path}: not a kiosk-sim paths manifest: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`
    )
  return parsed.data
}

/** A derived file `coverage` and `run` write beside a listed scenario (`<name>.shrunk.json`): the run that wrote the scenario owns it too. */
const derivedFrom = (file: string) => /^(.*)\.shrunk\.json$/.exec(file)?.[1]

/**
 * Checks that `dir` can take a run's files: missing or empty, or holding only what an earlier run
 * listed in its manifest (and the shrunk files beside them). Returns that earlier manifest (null
 * when none); throws OutFolderError naming the files it did not write.
 */
export function checkOutFolder(dir: string): Manifest | null {
  if (!existsSync(dir)) return null
  if (!statSync(dir).isDirectory()) throw new OutFolderError(`--out ${dir} is not a folder`)
  const present = readdirSync(dir)
  const manifestPath = join(dir, MANIFEST)
  const earlier = present.includes(MANIFEST) ? readManifest(manifestPath) : null
  const ours = new Set(earlier?.files.map((f) => f.file))
  const stray = present.filter((f) => f !== MANIFEST && !ours.has(f) && !ours.has(`${derivedFrom(f)}.json`))
  if (stray.length > 0) {
    const listed = stray.slice(0, 10).join(', ') + (stray.length > 10 ? ` and ${stray.length - 10} more` : '')
    throw new OutFolderError(
      `--out ${dir} holds files kiosk-sim paths did not write${earlier ? ` (they are not in its ${MANIFEST})` : ''}: ${listed}; ` +
        'give a new or empty folder, or remove them'
    )
  }
  return earlier
}

/**
 * Writes a run's files into `dir` (checked by checkOutFolder first): deletes the files the earlier
 * manifest listed and the shrunk files beside them, writes the new ones and the manifest listing
 * them. Returns the paths written.
 */
export function writeOutFolder(
  dir: string,
  files: readonly { file: string; kind: Manifest['files'][number]['kind']; text: string }[],
  run: { command: string; generator: string; seed: number }
): string[] {
  const earlier = checkOutFolder(dir)
  mkdirSync(dir, { recursive: true })
  if (earlier) {
    const listed = new Set(earlier.files.map((f) => f.file))
    for (const f of readdirSync(dir)) if (listed.has(f) || listed.has(`${derivedFrom(f)}.json`)) rmSync(join(dir, f), { force: true })
  }
  const manifest: Manifest = { kind: 'kiosk-sim paths manifest', ...run, files: files.map(({ file, kind }) => ({ file, kind })) }
  const written = files.map((f) => {
    const path = join(dir, f.file)
    writeFileSync(path, f.text)
    return path
  })
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n')
  return written
}

/** Whether a `coverage` argument is a manifest: the file itself, or a folder holding one. */
export function isManifestArgument(path: string): boolean {
  if (basename(path) === MANIFEST) return true
  return existsSync(path) && statSync(path).isDirectory()
}

/** The scenario files a manifest (or the folder holding it) lists, as paths; throws OutFolderError when there is none. */
export function manifestScenarios(path: string): string[] {
  const isDir = existsSync(path) && statSync(path).isDirectory()
  const file = isDir ? join(path, MANIFEST) : path
  if (!existsSync(file))
    throw new OutFolderError(
      isDir ? `${path} is a folder without a ${MANIFEST} (written by kiosk-sim paths --out); give scenario FILEs` : `${file}: no such file`
    )
  return readManifest(file)
    .files.filter((f) => f.kind === 'scenario')
    .map((f) => join(isDir ? path : dirname(file), f.file))
}
