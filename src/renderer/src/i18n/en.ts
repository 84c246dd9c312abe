import service from './service/en'
/** English: the reference key set every other language must match (tests/renderer/i18n.test.ts). */
const en = {
  app: {
    title: 'Transit card top-up',
    connecting: 'Connecting…',
    reconnecting: 'Connection lost. Reconnecting…',
    resumed: 'The kiosk restarted during your top-up. It is being finished now: nothing you paid is lost.',
    language: 'Language'
  },
  actions: {
    cancel: 'Cancel',
    back: 'Back',
    continue: 'Continue',
    confirm: 'Confirm',
    done: 'Done',
    retry: 'Try again',
    payAgain: 'Try again or pay another way',
    startOver: 'Start over',
    moreTime: 'More time'
  },
  keypad: {
    backspace: 'Delete',
    clear: 'Clear'
  },
  idle: {
    title: 'Top up your transit card',
    subtitle: 'Pay with tenge or foreign banknotes, or by bank card. The money is on your card at once.',
    chooseLanguage: 'Choose your language',
    start: 'Tap your card on the reader or touch to start',
    terminal: 'Terminal {id}',
    support: 'Support: {phone}',
    demo: 'DEMO',
    demoNote: 'Demo mode: the cards and payments are not real'
  },
  terminalInfo: {
    terminal: 'Terminal',
    location: 'Location',
    support: 'Support phone'
  },
  outOfService: {
    title: 'Temporarily out of service',
    message: 'No payments can be processed right now.',
    advice: 'Please use another terminal or come back later.',
    closedByStaff: {
      title: 'Temporarily out of service',
      message: 'Staff are working on the kiosk.',
      advice: 'Please use another terminal or come back later.'
    },
    stopped: {
      title: 'The kiosk has stopped',
      message: 'A fault stopped the kiosk. Staff have been told.',
      advice: 'Money already inserted is recorded and will be credited. Please use another terminal.'
    }
  },
  storageFailed: {
    title: 'Temporarily out of service',
    message: 'The kiosk cannot record payments right now, so it takes no money.',
    returned: 'Your {note} note was given back. Please take it.',
    safe: 'The money you inserted is safe: {amount} will be credited to your card as soon as the kiosk is back in service.',
    credited: 'Your top-up of {amount} has reached your card account.',
    inDoubt: 'Note being checked: {notes}',
    reference: 'Reference: {reference}',
    keep: 'Photograph or write down the reference and the terminal number: with them support can credit your money if you cannot wait.',
    nothingTaken: 'No money was taken.',
    advice: 'Please use another terminal or come back later.'
  },
  journalUntrusted: {
    title: 'Temporarily out of service',
    message: 'This kiosk is being checked by staff and takes no payments.',
    advice: 'Please use another terminal or come back later.'
  },
  card: {
    title: 'Enter the last 8 digits of your card number',
    hint: 'They are printed on the back of the card. You can also tap the card on the reader.',
    digits: 'Last 8 digits of the card number',
    typed: '{count} of 8 digits entered'
  },
  checkingCard: {
    title: 'Checking your card…',
    hint: 'This takes a few seconds.'
  },
  cardReadError: {
    title: 'The card could not be read',
    message: 'Hold the card flat on the reader and keep it still for a moment.',
    advice: 'Tap the card again, or type the last 8 digits of its number.',
    typeDigits: 'Type the card number'
  },
  cardUnknown: {
    title: 'Card not found',
    message: 'We could not find a card with these digits.',
    advice: 'Check the last 8 digits on the back of the card and try again, or tap the card on the reader.'
  },
  cardBlocked: {
    title: 'This card is blocked',
    message: 'A blocked card cannot be topped up.',
    advice: 'Please contact the card issuer: {phone}.'
  },
  cardExpired: {
    title: 'This card has expired',
    message: 'An expired card cannot be topped up.',
    advice: 'Please exchange it for a new card at a ticket office. Support: {phone}.'
  },
  serviceUnavailable: {
    title: 'The service is temporarily unavailable',
    notCharged: 'No money was taken.',
    advice: 'Please try again in a few minutes or use another terminal.'
  },
  amount: {
    title: 'How much do you want to add?',
    card: 'Card',
    balance: 'Current balance',
    presets: 'Choose an amount',
    custom: 'Or type another amount',
    placeholder: 'Type an amount',
    limits: 'Top-up amount: from {min} to {max}',
    cardMax: 'This card can take up to {max} now',
    balanceCap: 'Maximum card balance: {max}',
    pendingActivated: 'Your earlier top-up of {amount} is now active on the card',
    pendingWaiting: '{amount} from earlier top-ups is waiting: it is written onto the card when you hold it on the reader at the end',
    presetReason: {
      belowMin: 'Below the minimum of {min}',
      aboveMax: 'Above the maximum of {max}',
      overBalanceCap: 'This card can take up to {max}'
    },
    refusal: {
      belowMin: 'This amount is too small. The minimum top-up is {min}.',
      aboveMax: 'This amount is too large. The maximum top-up is {max}.',
      overBalanceCap: 'This card cannot take that much: its balance may not exceed {cap}. You can add up to {max}.'
    }
  },
  paymentMethod: {
    title: 'How would you like to pay?',
    amount: 'Amount to top up',
    cash: 'Cash',
    cashHint: 'Tenge and {currencies} banknotes. No change is given.',
    tengeHint: 'Tenge banknotes. No change is given.',
    cashPreview: 'The rate, fee and bonus are shown on the next screen, before you insert the first note.',
    card: 'Bank card',
    cardHint: 'On the payment terminal below the screen',
    cardUnavailable: 'Not available for this amount: with the bonus the card balance would go over {cap}.',
    unavailable: 'Not available right now',
    cashUnavailable: 'Cash is not accepted right now — please pay by bank card',
    cashUnavailableOnly: 'Cash is not accepted right now'
  },
  cashUnavailable: {
    stackerFull: 'The note acceptor is full.',
    cassetteRemoved: 'The note acceptor is being serviced.',
    jam: 'A note is stuck in the note acceptor; staff must clear it.'
  },
  cash: {
    title: 'Insert banknotes',
    hint: 'One note at a time into the note slot.',
    amount: 'Top-up amount',
    paid: 'Paid',
    remaining: 'Still to insert (fee included)',
    fee: 'Fee',
    bonus: 'Bonus',
    credited: 'Will be credited',
    gross: 'In tenge',
    stacked: 'Notes received',
    noNotes: 'No notes yet',
    checking: 'Checking your note…',
    returned: 'Your {note} note was returned. Please take it.',
    reason: {
      notAccepted: 'This note is not accepted here. Please use one of the notes listed below.',
      amountReached: 'The amount is already paid. Press Confirm to top up your card.',
      overMaxTopUp: 'It would take the top-up over the maximum of {max}. Please insert a smaller note.',
      overBalanceCap: 'It would take the card balance over {cap}. Please insert a smaller note.',
      acceptorOff: 'Notes are not being taken at the moment.',
      validatorBusy: 'The machine was still checking another note. Please insert one note at a time.',
      cancelled: 'The top-up was cancelled, so the note was given back.',
      escrowTimeout: 'Checking the note took too long. Please insert it again.',
      counterfeit: 'This note was not recognised (it may be damaged or counterfeit). Please take it back.',
      outOfService: 'The kiosk went out of service, so the note was given back.'
    },
    options: {
      start: 'To top up {amount}, insert one of these',
      rest: 'Still to pay {amount}: add one of these',
      done: 'Exchange rates',
      currency: 'Currency',
      notes: 'Notes accepted',
      rate: 'Rate',
      insert: 'Insert',
      fee: 'Fee',
      bonus: 'Bonus',
      credited: 'Will be credited'
    },
    quote: {
      time: 'Rates of {time}',
      validFor: 'Rate held for {time}',
      locked: 'Rate locked for this top-up',
      loading: 'Getting the rates…',
      demo: 'Demo rates — not real exchange rates'
    },
    accepts: 'Accepted notes',
    noChange: 'No change is given: every note you insert is credited',
    reached: 'The amount is paid. Press Confirm to top up your card.',
    safe: 'Your money is safe: press Confirm to finish',
    stopped: {
      title: 'The note acceptor has stopped',
      credited: 'The notes you have already inserted are safe and will be credited. Press Confirm to finish.',
      nothingIn: 'No money was taken. Please pay by bank card or use another terminal.'
    }
  },
  money: {
    charged: 'Amount to pay',
    fee: 'Fee',
    bonus: 'Bonus',
    credited: 'Will be credited'
  },
  bankCard: {
    title: 'Pay by bank card',
    instruction: 'Tap, insert or swipe your bank card on the payment terminal below the screen',
    follow: 'Follow the instructions on the terminal and enter your PIN if it asks.',
    waiting: 'Waiting for the payment terminal…',
    cancelHint: 'To cancel, press the red button on the payment terminal.'
  },
  bankCardDeclined: {
    title: 'The card payment did not go through',
    reason: {
      insufficientFunds: 'The bank declined the payment: there is not enough money on the card.',
      cardNotSupported: 'This card cannot be used on this payment terminal.',
      wrongPin: 'The PIN was wrong.',
      cancelledByCustomer: 'The payment was cancelled on the payment terminal.',
      unknown: 'The bank declined the payment.'
    },
    notCharged: 'Your card was not charged.',
    advice: 'You can try again, use another card or pay in cash.'
  },
  bankCardTimeout: {
    title: 'The payment terminal did not answer',
    notCharged: 'Your card was not charged.',
    advice: 'You can try again or pay another way. Support: {phone}.'
  },
  crediting: {
    title: 'Crediting your card…',
    hint: 'Do not remove the card',
    amount: '{amount} to card {card}'
  },
  billJam: {
    title: 'A banknote got stuck in the note acceptor',
    inDoubt: 'Note being checked',
    staff: 'Staff will check the note. If it reached the cashbox, its amount will be credited to your card.',
    stacked: 'The notes taken before it are safe: {amount} will be credited to your card.',
    nothingStacked: 'No other money was taken.',
    reference: 'Reference: {reference}',
    keep: 'Photograph or write down the reference and the terminal number: support will need them.'
  },
  cardWrite: {
    waiting: 'Place your card on the reader and keep it there',
    writing: 'Writing {amount} onto your card — keep the card on the reader',
    written: '{amount} is now on your card',
    failed: 'The top-up could not be written onto the card',
    credited: '{amount} is credited to card {card}: now it is written onto the card itself.',
    wrongCard: 'That is a different card — place the card you are topping up',
    readError: 'The card could not be read — place it again',
    pulled: 'Put the card back on the reader to finish — you have {seconds} seconds',
    later: 'Later',
    laterNote: 'No card with you? Your money is safe: the top-up stays credited and activates the next time you tap this card on a top-up kiosk.',
    failedAdvice: 'Your money is safe: the top-up activates the next time you tap this card on a top-up kiosk.',
    activation: {
      lead: 'Earlier top-ups were credited but are not on this card yet.',
      waiting: 'Place your card on the reader to activate {amount} from earlier top-ups',
      writing: 'Writing {amount} from earlier top-ups onto your card — keep the card on the reader'
    }
  },
  receipt: {
    title: 'Receipt',
    issuer: 'Card issuer',
    bin: 'BIN: {bin}',
    terminal: 'Terminal',
    location: 'Location',
    transaction: 'Transaction',
    time: 'Date and time',
    card: 'Card',
    notes: 'Notes inserted',
    rates: 'Exchange rates of {time}',
    noChange: 'No change given',
    cardPayment: 'Paid by bank card {pan}, auth code {code}',
    charged: 'Amount charged',
    gross: 'Amount paid',
    fee: 'Fee',
    bonus: 'Bonus',
    credited: 'Credited to the card',
    balanceBefore: 'Balance before',
    balanceAfter: 'Balance after',
    newBalance: 'New balance',
    balanceAtNextTap: 'Balance after your next tap',
    creditedNow: 'Credited to your card',
    support: 'Support: {phone}',
    keep: 'Keep your receipt: it is your proof of payment.',
    processingTitle: 'Your top-up is being processed',
    reference: 'Reference: {reference}',
    processingAdvice: 'Keep this receipt. If the money is not on your card within 3 days, call {phone} and give this reference.',
    processing: 'Being processed',
    completedTitle: 'Top-up completed',
    pendingTitle: 'Top-up credited: it activates at your next tap',
    pendingAdvice: 'The top-up is not on the card yet. It activates the next time you tap this card on a top-up kiosk. Keep this receipt.',
    inDoubtTitle: 'A note is being checked',
    inDoubtNotes: 'Note being checked: {notes}',
    inDoubtAdvice:
      'Staff will check the note; if it reached the cashbox, its amount is credited to your card. If you have questions, call {phone} and give this reference.',
    // A jam on the first note: nothing stacked, so nothing was credited; the note is checked.
    nothingCreditedTitle: 'No note taken, nothing credited',
    // After a power cut the kiosk could not tell which card the top-up was for.
    cardUnknown: 'Your card could not be identified',
    cardUnknownAdvice: 'Keep this receipt. Call {phone} and give this reference: staff will find the top-up and credit it to your card.',
    printing: 'Printing your receipt…',
    printed: 'Take your receipt',
    notPrinted: 'The printer could not print your receipt.',
    // A non-breaking hyphen: “e-” alone at the end of a line reads badly.
    scanQr: 'Scan to keep your e\u2011receipt',
    reprint: 'Staff can reprint it: reference {reference}'
  },
  thankYou: {
    title: 'Thank you!',
    message: 'Your card has been topped up.',
    balance: 'New balance: {amount}',
    goodbye: 'Have a good trip!',
    processing: 'Your top-up is being processed.',
    pending: 'Your top-up activates the next time you tap the card on a top-up kiosk.',
    keep: 'Keep your receipt: support will need its reference.'
  },
  cancelQuestion: {
    title: 'Cancel the top-up?',
    balanceStays: 'Nothing has been paid: your card keeps its balance of {balance}.',
    noteReturned: 'The note in the slot ({note}) will be returned.',
    keepGoing: 'Keep going',
    cancel: 'Cancel the top-up'
  },
  warning: {
    title: 'Do you need more time?',
    message: 'The session will end soon and the screen will return to the start.',
    completeMessage: 'Your money is safe: if you do nothing, the top-up will be completed for the notes already inserted and a receipt printed.',
    timeLeft: 'Time left',
    seconds: '{n} s'
  },
  training: {
    ribbon: 'TRAINING: payments on this kiosk are not real'
  },
  service
}

/** The shape every language's messages have: English's. */
export type Messages = typeof en

export default en
