/** The money audit of a running kiosk (./audit judges the journal and the host's credits; this reads them off a Kiosk). */
import { auditMoney, type AuditResult } from './audit'
import type { CardRecord } from './cards'
import type { CardStore } from './devices/host'
import type { Journal } from './journal'
import type { Kiosk } from './kiosk'

/** The audit of a running kiosk: its journal, its host's store and its validator; the transaction on screen is judged when it ends. */
export function auditKiosk(kiosk: Kiosk, journal: Journal, cards: CardStore, cardsBefore: readonly CardRecord[]): AuditResult {
  const snapshot = kiosk.snapshot()
  // The session a storage failure interrupted is finished when the journal can be written again: judged then.
  const interrupted = snapshot.matches('storageFailed') && snapshot.context.outageInSession
  const open =
    (snapshot.matches('session') && !snapshot.matches({ session: { flow: 'finishing' } })) || interrupted ? snapshot.context.transaction?.id : undefined
  return auditMoney({
    stored: journal.stored(),
    records: journal.all(),
    credits: cards.appliedCredits(),
    cardsNow: cards.list(),
    cardsBefore,
    config: snapshot.context.config,
    cashbox: kiosk.validator().getSnapshot().context.cashbox,
    ...(open ? { openTransactionId: open } : {})
  })
}
