/**
 * The drill library: `drills/*.drill.json` at the package's root (found from this file, not the
 * working folder), and the reading of any drill file with its problems named.
 */
import { existsSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Caption } from '../core/protocol'
import { DrillError, parseDrill, type Drill } from '../core/training/drillSchema'
import { JsonFileError, readJsonFile } from './jsonFile'

/** The library folder of the installed package (src/node → the root; out/main of a build lies as deep). */
export const DRILL_LIBRARY_DIR = fileURLToPath(new URL('../../drills/', import.meta.url))

const SUFFIX = '.drill.json'

/** A drill's id: its file name without `.drill.json` (or without `.json`). */
export function drillId(path: string): string {
  const name = basename(path)
  return name.endsWith(SUFFIX) ? name.slice(0, -SUFFIX.length) : name.replace(/\.json$/, '')
}

/** Reads and checks a drill file; throws DrillError whose issues name the file's problems (the JSON's line and column, or the field). */
export function loadDrillFile(path: string): Drill {
  let raw: unknown
  try {
    raw = readJsonFile(path)
  } catch (err) {
    if (err instanceof JsonFileError) throw new DrillError(err.issues)
    throw err
  }
  return parseDrill(raw, drillId(path))
}

export interface LibraryDrill {
  id: string
  path: string
  title: Caption
  drill: Drill
}

/** Every drill file of a library folder, by file name; the ones that cannot be read listed apart with why. A missing folder is an empty library. */
export function listDrills(dir: string = DRILL_LIBRARY_DIR): { drills: LibraryDrill[]; invalid: { path: string; issues: string[] }[] } {
  const drills: LibraryDrill[] = []
  const invalid: { path: string; issues: string[] }[] = []
  if (!existsSync(dir)) return { drills, invalid }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort()
  for (const file of files) {
    const path = join(dir, file)
    try {
      const drill = loadDrillFile(path)
      drills.push({ id: drill.id, path, title: drill.title, drill })
    } catch (err) {
      if (!(err instanceof DrillError)) throw err
      invalid.push({ path, issues: err.issues })
    }
  }
  return { drills, invalid }
}

/** A library drill by id; null when there is none (or the id is not a plain file name). */
export function loadLibraryDrill(id: string, dir: string = DRILL_LIBRARY_DIR): Drill | null {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(id) || id.includes('..')) return null
  const path = join(dir, `${id}${SUFFIX}`)
  return existsSync(path) ? loadDrillFile(path) : null
}
