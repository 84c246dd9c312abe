/** Staff's exports (the journal as CSV) as files in a folder of the data directory: `<data>/exports/<name>`, never overwritten. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KioskExports } from '../core/kioskDeps'

const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/

export class FileExports implements KioskExports {
  constructor(private readonly dir: string) {}

  /** Writes `name` (or `name.2`, `.3` … when taken) whole; returns the name it got. */
  write(name: string, text: string): string {
    if (!SAFE_NAME.test(name) || name.includes('..')) throw new RangeError(`not a safe export file name: ${JSON.stringify(name)}`)
    mkdirSync(this.dir, { recursive: true })
    for (let n = 1; ; n++) {
      const file = n === 1 ? name : name.replace(/(\.[a-z]+)?$/, `.${n}$1`)
      try {
        writeFileSync(join(this.dir, file), text, { flag: 'wx' })
        return file
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      }
    }
  }
}
