/** Transitions that several stages share, written once. */

/**
 * Events the kiosk handles whatever the screen. They are spread into `idle`, the out-of-service
 * states and the session's `flow` region rather than put on the root: in XState v5 a handler in any
 * active region (the attention watcher listens to every customer and validator event) hides the root's.
 */
export const handledEverywhere = {
  'customer.language': { actions: 'setLanguage' },
  'market.rateChanged': { actions: 'recordMarketRate' },
  'host.down': { actions: 'markHostDown' },
  'host.up': { actions: 'markHostUp' },
  'validator.escrowed': { actions: 'returnStrayNote' },
  'validator.stacked': { actions: 'recordStackedNote' },
  'validator.returned': { actions: 'recordReturnedNote' },
  'validator.refusedAtEntry': { actions: 'recordReturnedNote' },
  'validator.rejected': { actions: 'recordReturnedNote' },
  'validator.conditionChanged': { actions: 'recordValidatorCondition' },
  'validator.jammed': { actions: ['recordJam', 'flagCancelledJam'] }
} as const

/** The host link went down before any money went in: the customer learns the service is unavailable. */
export const hostDownBeforePayment = { 'host.down': { target: 'serviceUnavailable', actions: 'markHostDown' } } as const

/** A card that cannot be read (reader fault, too quick a tap) from the screens that expect one. */
export const readFailed = { 'reader.readFailed': { target: 'cardReadError', actions: 'recordCardReadFailed' } } as const

/** Another tap of a card on the screens that ask for one: it is looked up. */
export const cardTapped = { 'reader.cardTapped': { target: 'checkingCard', actions: 'queryTappedCard' } } as const
