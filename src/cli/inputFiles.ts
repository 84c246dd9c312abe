/** The files the commands read: scenarios and allow-lists, with their problems named. */
import { parseAllowList, type AllowList } from '../core/coverage'
import { parseScenario, ScenarioError, type Scenario } from '../core/scenario/schema'
import { JsonFileError, readJsonFile } from '../node/jsonFile'

/** Reads and validates a scenario file; throws ScenarioError with the file's problems. */
export function loadScenarioFile(path: string): Scenario {
  let raw: unknown
  try {
    raw = readJsonFile(path)
  } catch (err) {
    if (err instanceof JsonFileError) throw new ScenarioError(err.issues)
    throw err
  }
  return parseScenario(raw)
}

/** Reads an allow-list file (tests/coverage-allowlist.json); throws naming the file and what is wrong in it. */
export function loadAllowList(path: string): AllowList {
  let raw: unknown
  try {
    raw = readJsonFile(path)
  } catch (err) {
    if (err instanceof JsonFileError) throw new Error(err.issues.map((i) => `--allow: ${i}`).join('\n'))
    throw err
  }
  try {
    return parseAllowList(raw)
  } catch (err) {
    throw new Error(`--allow: ${path}: ${(err as Error).message}`)
  }
}
