import { parseArgs, type ParseArgsConfig } from 'node:util'

/**
 * The bench and fuzz scripts' options: node's parseArgs, whose mistakes (an unknown option, a value starting with a dash
 * given as `--runs -1`) end the script with node's own message and exit 2, not a stack trace.
 */
export function parseScriptArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config)
  } catch (err) {
    if (!(err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw err
    console.error((err as Error).message)
    process.exit(2)
  }
}
