/** The kiosk's actions for the session itself: language, the card and the amount screens, the host link, the inactivity watch. */
import { assign, emit, enqueueActions, raise } from 'xstate'
import type { LookupResult } from '../../devices/host'
import { checkAmount } from '../../money'
import { applyKeypadKey, journal, MAX_AMOUNT_DIGITS, NO_SESSION } from '../kioskContext'
import { kioskBase } from './setup'

export const withSessionActions = kioskBase.extend({
  actions: {
    setLanguage: assign({ language: ({ context, event }) => (event.type === 'customer.language' ? event.code : context.language) }),
    restoreDefaultLanguage: assign({ language: ({ context }) => context.defaultLanguage }),
    recordMarketRate: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'market.rateChanged') return
      enqueue.assign({ marketRates: { ...context.marketRates, [event.currency]: event.rate } })
      enqueue.emit(journal('rateChanged', { currency: event.currency, rate: event.rate, previous: context.marketRates[event.currency] ?? null }))
    }),
    markHostDown: assign({ hostDown: true }),
    markHostUp: assign({ hostDown: false }),
    beginSession: assign(({ event }) => ({ ...NO_SESSION, cardQuery: event.type === 'reader.cardTapped' ? { number: event.number } : null })),
    typeCardDigit: assign({
      cardEntry: ({ context, event }) => (event.type === 'customer.keypad' ? applyKeypadKey(context.cardEntry, event.key, 8) : context.cardEntry)
    }),
    queryTypedCard: assign({ cardQuery: ({ context }) => ({ last8: context.cardEntry }) }),
    queryTappedCard: assign({ cardQuery: ({ event }) => (event.type === 'reader.cardTapped' ? { number: event.number } : null) }),
    clearCardEntry: assign({ cardEntry: '' }),
    rememberCard: assign((_, output: LookupResult) => ({ card: output.found ? output.card : null, pendingTopUps: output.found ? output.pending : [] })),
    recordCardReadFailed: emit(() => journal('cardReadFailed', {})),
    typeAmountDigit: assign({
      amountEntry: ({ context, event }) =>
        event.type === 'customer.keypad' ? applyKeypadKey(context.amountEntry, event.key, MAX_AMOUNT_DIGITS) : context.amountEntry,
      amountRefusal: null
    }),
    chooseAmount: assign({ amountKzt: (_, params: { kzt: number }) => params.kzt, amountRefusal: null }),
    refuseAmount: assign({
      amountRefusal: ({ context }, params: { kzt: number }) => checkAmount(params.kzt, context.card!.balanceKzt, context.config.limits, context.config.bonus)
    }),
    resetAmountScreen: assign({ amountEntry: '', amountRefusal: null }),
    startWarningCountdown: assign({ warningSecondsLeft: ({ context }) => context.config.timeouts.warningSeconds }),
    countDownWarning: assign({ warningSecondsLeft: ({ context }) => context.warningSecondsLeft - 1 }),
    signalTimeout: raise({ type: 'session.timedOut' }),
    signalWaitOver: raise({ type: 'session.waitOver' })
  }
})
