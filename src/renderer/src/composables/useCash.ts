import { computed, type ComputedRef } from 'vue'
import type { CashView, KioskView } from '../../../core/protocol'
import { formatKzt } from '../format'

/** Where a cash payment stands, as the cash screen's parts all read it from the view. */
export interface CashStanding {
  cash: ComputedRef<CashView | null>
  /** At least one note is stacked. */
  moneyIn: ComputedRef<boolean>
  /** Notes are in and nothing remains to pay. */
  reached: ComputedRef<boolean>
  /** The note acceptor stopped mid-transaction (stacker full, cassette out, a note jammed): no more notes are taken. */
  stopped: ComputedRef<boolean>
  /** An amount in tenge, in the view's language. */
  kzt: (amount: number) => string
}

export function useCash(view: () => KioskView): CashStanding {
  const cash = computed(() => view().cash)
  const moneyIn = computed(() => (cash.value?.stacked.length ?? 0) > 0)
  const reached = computed(() => moneyIn.value && cash.value?.remainingKzt === 0)
  const stopped = computed(() => view().cashUnavailable !== null)
  return { cash, moneyIn, reached, stopped, kzt: (amount) => formatKzt(amount, view().language) }
}
