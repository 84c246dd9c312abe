/** The fresh actions a quick-random walk keeps to go back to: the shortest way known, a sure one before any aim. */
import { describe, expect, it } from 'vitest'
import type { ActionStep, Step } from '../../src/core/scenario/schema'
import { Opportunities } from '../../src/core/testing/opportunities'
import { STANDARD_PROFILE } from '../../src/core/testing/profiles'

const NOTE: ActionStep = { do: 'insertBill', currency: 'KZT', value: 1000 }
const DONE: ActionStep = { do: 'done' }
const WAIT: ActionStep = { do: 'wait', seconds: 65 }
const CREDIT_AFTER_JAM = 'kiosk: kiosk.session.flow.billJam · customer.done #1'
const NOTICE_OUT = 'kiosk: kiosk.session.flow.billJam · after noticeDisplay #1'
const UNCOVERED = new Set([CREDIT_AFTER_JAM, NOTICE_OUT])

const steps = (length: number): Step[] => Array.from({ length }, () => ({ do: 'wait', seconds: 1 }))

/** What a walk saw `length` steps into a leg: `fresh` for each action, `sure` for those the machines named. */
function seen(opportunities: Opportunities, length: number, fresh: [ActionStep, string[]][], sure: [ActionStep, string[]][], taken: ActionStep | null = null) {
  opportunities.remember(new Map(fresh), taken, { profile: STANDARD_PROFILE, steps: steps(length), byMachines: new Map(sure) }, UNCOVERED)
}

describe('Opportunities', () => {
  it('keeps a sure way to a transition over an aim at it, however much shorter the aim’s way', () => {
    const opportunities = new Opportunities()
    seen(
      opportunities,
      40,
      [
        [DONE, [CREDIT_AFTER_JAM]],
        [WAIT, [NOTICE_OUT]]
      ],
      [
        [DONE, [CREDIT_AFTER_JAM]],
        [WAIT, [NOTICE_OUT]]
      ],
      WAIT
    )
    seen(opportunities, 5, [[NOTE, [CREDIT_AFTER_JAM]]], [])
    expect(opportunities.next(UNCOVERED)).toMatchObject({ action: DONE, length: 40, sure: true })
  })

  it('a sure way replaces an aim, and a shorter way of the same kind replaces a longer one', () => {
    const opportunities = new Opportunities()
    seen(opportunities, 5, [[NOTE, [CREDIT_AFTER_JAM]]], [])
    seen(opportunities, 40, [[DONE, [CREDIT_AFTER_JAM]]], [[DONE, [CREDIT_AFTER_JAM]]])
    seen(opportunities, 30, [[DONE, [CREDIT_AFTER_JAM]]], [[DONE, [CREDIT_AFTER_JAM]]])
    seen(opportunities, 35, [[DONE, [CREDIT_AFTER_JAM]]], [[DONE, [CREDIT_AFTER_JAM]]])
    expect(opportunities.next(UNCOVERED)).toMatchObject({ action: DONE, length: 30, sure: true })
    expect(opportunities.next(UNCOVERED)).toBeUndefined()
  })

  it('keeps neither the action taken nor what is covered; forgets what got covered since; says when it has a way to everything left', () => {
    const opportunities = new Opportunities()
    seen(
      opportunities,
      10,
      [
        [DONE, [CREDIT_AFTER_JAM]],
        [WAIT, [NOTICE_OUT, 'kiosk: covered already']]
      ],
      [[DONE, [CREDIT_AFTER_JAM]]],
      DONE
    )
    expect(opportunities.coverAll(UNCOVERED)).toBe(false)
    expect(opportunities.coverAll(new Set([NOTICE_OUT]))).toBe(true)
    seen(opportunities, 12, [[DONE, [CREDIT_AFTER_JAM]]], [[DONE, [CREDIT_AFTER_JAM]]])
    expect(opportunities.coverAll(UNCOVERED)).toBe(true)
    expect(opportunities.coverAll(new Set())).toBe(false)
    // The notice's own time-out got covered meanwhile: the next way is Done's.
    expect(opportunities.next(new Set([CREDIT_AFTER_JAM]))).toMatchObject({ action: DONE, length: 12 })
    expect(opportunities.next(UNCOVERED)).toBeUndefined()
  })
})
