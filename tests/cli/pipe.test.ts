import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')

describe('kiosk-sim piped into a reader that stops early', () => {
  it('stops quietly (`kiosk-sim drill list | head -1`): no EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/kiosk-sim.mjs'), 'drill', 'list'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    // The reader takes the first chunk and goes away, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
  }, 60_000)
})
