/**
 * The customer sessions the soak benchmark (scripts/soakBench.ts) plays on one kiosk, one after
 * another on a virtual clock: cash in tenge and in foreign notes, bank cards, cancels, and a few
 * faults (a credit whose answer is lost, a declined bank card, no paper, a counterfeit note). Each
 * ends on the attract screen, or the soak stops and says where it was left.
 */
import type { VirtualClock } from '../src/core/clock'
import type { CardRecord } from '../src/core/cards'
import type { Kiosk } from '../src/core/kiosk'
import type { Intent } from '../src/core/protocol'

/** A step: an intent, then how long (virtual ms) passes before the next. */
type Step = readonly [Intent, number]

/** Enough cards that none nears the balance cap over 10 000 sessions (each gets at most ~2 500 ₸ per 10 sessions). */
export function soakCards(count = 1000): CardRecord[] {
  return Array.from({ length: count }, (_, i) => ({ number: `9398${String(7_000_000_000 + i).padStart(12, '0')}`, balanceKzt: 0, status: 'active' }))
}

const FOREIGN = [
  ['USD', 5],
  ['EUR', 5],
  ['RUB', 500],
  ['CNY', 20]
] as const

const tap = (number: string): Step => [{ type: 'tapCard', number }, 400]
const cash = (kzt: number): Step[] => [
  [{ type: 'chooseAmount', kzt }, 10],
  [{ type: 'payCash' }, 10]
]
const note = (currency: 'KZT' | (typeof FOREIGN)[number][0], value: number): Step => [{ type: 'insertBill', currency, value }, 700]
/** Confirm, the card written, the card taken away, Done on the receipt, and the thank-you screen's time. */
const finish: Step[] = [
  [{ type: 'confirm' }, 3_000],
  [{ type: 'removeCard' }, 10],
  [{ type: 'done' }, 6_000]
]

/** The session number `i` plays (ten kinds in turn; the faults and currencies rotate within theirs). */
export function sessionSteps(i: number, card: string): { kind: string; steps: Step[] } {
  const round = Math.floor(i / 10)
  switch (i % 10) {
    case 0:
    case 1:
    case 2:
      return { kind: 'cash KZT', steps: [tap(card), ...cash(1700), note('KZT', 1000), note('KZT', 500), note('KZT', 200), ...finish] }
    case 3: {
      const [currency, value] = FOREIGN[round % FOREIGN.length]!
      return { kind: `cash ${currency}`, steps: [tap(card), ...cash(1000), note(currency, value), ...finish] }
    }
    case 4:
    case 5:
      return {
        kind: 'bank card',
        steps: [tap(card), [{ type: 'chooseAmount', kzt: 2000 }, 10], [{ type: 'payCard' }, 3_000], [{ type: 'removeCard' }, 10], [{ type: 'done' }, 6_000]]
      }
    case 6:
      return round % 2 === 0
        ? { kind: 'cancel on the amount screen', steps: [tap(card), [{ type: 'cancel' }, 10], [{ type: 'removeCard' }, 10]] }
        : { kind: 'cancel on the cash screen', steps: [tap(card), ...cash(1000), [{ type: 'cancel' }, 10], [{ type: 'removeCard' }, 10]] }
    case 7: {
      const decline: Step[] = [[{ type: 'fault', device: 'pos', fault: 'decline' }, 0], tap(card), [{ type: 'chooseAmount', kzt: 1000 }, 10]]
      return {
        kind: 'bank card declined, cancelled',
        steps: [...decline, [{ type: 'payCard' }, 3_000], [{ type: 'clearFault', device: 'pos' }, 0], [{ type: 'cancel' }, 10], [{ type: 'removeCard' }, 10]]
      }
    }
    case 8:
      // The host's answer to the credit is lost every time: retried with the same key, then flagged with a reference.
      return {
        kind: 'credit answer lost (flagged)',
        steps: [
          [{ type: 'fault', device: 'host', fault: 'timeoutAfterCredit' }, 0],
          tap(card),
          ...cash(1000),
          note('KZT', 1000),
          [{ type: 'confirm' }, 60_000],
          [{ type: 'clearFault', device: 'host' }, 0],
          [{ type: 'removeCard' }, 10]
        ]
      }
    default:
      return round % 2 === 0
        ? {
            kind: 'printer out of paper',
            steps: [
              [{ type: 'fault', device: 'printer', fault: 'paperOut' }, 0],
              tap(card),
              ...cash(1000),
              note('KZT', 1000),
              ...finish,
              [{ type: 'clearFault', device: 'printer' }, 0]
            ]
          }
        : {
            kind: 'counterfeit note returned',
            steps: [
              [{ type: 'fault', device: 'billValidator', fault: 'counterfeit' }, 0],
              tap(card),
              ...cash(1000),
              [{ type: 'insertBill', currency: 'KZT', value: 1000 }, 1_500],
              [{ type: 'clearFault', device: 'billValidator' }, 0],
              note('KZT', 1000),
              ...finish
            ]
          }
  }
}

/** Plays session `i` on the kiosk; throws naming the session and the step when one is refused or it does not end on the attract screen. */
export async function playSession(kiosk: Kiosk, clock: VirtualClock, i: number, card: string): Promise<string> {
  const { kind, steps } = sessionSteps(i, card)
  for (const [intent, ms] of steps) {
    const answer = kiosk.send(intent)
    if (!answer.ok) throw new Error(`session ${i} (${kind}): ${intent.type} refused on the ${kiosk.view().screen} screen: ${answer.error}`)
    await clock.advance(ms)
  }
  const screen = kiosk.view().screen
  if (screen !== 'idle') throw new Error(`session ${i} (${kind}) ended on the ${screen} screen, not the attract screen`)
  return kind
}
