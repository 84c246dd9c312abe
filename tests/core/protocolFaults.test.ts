import { describe, expect, it } from 'vitest'
import { DEVICE_FAULTS, DEVICES, FAULT_NAMES, parseIntent } from '../../src/core/protocol'
import { ScenarioError, parseScenario } from '../../src/core/scenario/schema'

const scenarioIssues = (step: unknown): string[] => {
  try {
    parseScenario({ steps: [step] })
    return []
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues
    throw error
  }
}

describe('device faults, one closed set', () => {
  it('takes every fault of every device, for the technician', () => {
    for (const device of DEVICES)
      for (const fault of DEVICE_FAULTS[device]) expect(parseIntent({ type: 'fault', device, fault }, 'technician').ok, `${device} ${fault}`).toBe(true)
    expect(new Set(FAULT_NAMES)).toEqual(new Set(Object.values(DEVICE_FAULTS).flat()))
  })

  it('refuses a fault of another device in the schema, naming the field and what the device takes', () => {
    expect(parseIntent({ type: 'fault', device: 'printer', fault: 'down' }, 'technician')).toEqual({
      ok: false,
      error: 'invalid intent at fault: expected one of paperLow, paperOut, jam for printer'
    })
    expect(parseIntent({ type: 'fault', device: 'host', fault: 'unplugged' }, 'technician')).toEqual({
      ok: false,
      error: 'invalid intent at fault: expected one of down, slow, timeoutAfterCredit, timeoutBeforeCredit for host'
    })
    expect(parseIntent({ type: 'fault', device: 'printer', fault: 3 }, 'technician')).toEqual({
      ok: false,
      error: 'invalid intent at fault: expected a fault name'
    })
    expect(parseIntent({ type: 'fault', device: 'atm', fault: 'jam' }, 'technician')).toEqual({
      ok: false,
      error: `invalid intent at device: expected one of ${DEVICES.join(', ')}`
    })
  })

  it('takes a reason on a POS decline only, as a scenario step does', () => {
    expect(parseIntent({ type: 'fault', device: 'pos', fault: 'decline', reason: 'wrongPin' }, 'technician').ok).toBe(true)
    expect(parseIntent({ type: 'fault', device: 'pos', fault: 'timeout', reason: 'wrongPin' }, 'technician')).toEqual({
      ok: false,
      error: 'invalid intent at reason: only a pos decline takes a reason'
    })
    expect(scenarioIssues({ do: 'fault', device: 'printer', fault: 'jam', reason: 'wrongPin' })).toEqual(['steps[0].reason: only a pos decline takes a reason'])
  })

  it('words a wrong fault the same in a scenario step and in a technician control', () => {
    expect(scenarioIssues({ do: 'fault', device: 'printer', fault: 'down' })).toEqual(['steps[0].fault: expected one of paperLow, paperOut, jam for printer'])
    expect(scenarioIssues({ do: 'fault', device: 'printer', fault: 42 })).toEqual(['steps[0].fault: expected a fault name'])
  })
})
