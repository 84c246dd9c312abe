/**
 * English texts of the service-mode screens (issue 15): the reference key set of the `service`
 * section. Report names (X, Z) and formats (CSV) are placeholders: the other languages write no Latin letters.
 */
const service = {
  outOfService: {
    title: 'Temporarily out of service',
    message: 'Staff are working on the kiosk. Please use another terminal or come back later.'
  },
  staff: 'Service mode',
  role: { collector: 'Collector', technician: 'Technician', administrator: 'Administrator' },
  training: 'TRAINING',
  menuButton: 'Menu',
  logout: 'Log out',
  loading: 'Loading the page…',
  confirm: 'Yes, go ahead',
  keep: 'No, go back',
  pin: {
    title: 'Enter your PIN',
    entered: '{count} digits entered',
    wrong: 'Wrong PIN: {n} attempts left before entry locks',
    submit: 'Enter',
    cancel: 'Cancel'
  },
  locked: {
    title: 'PIN entry is locked',
    message: 'Too many wrong PINs were entered.',
    until: 'Entry opens again at {time}',
    left: 'Time left: {time}',
    cancel: 'Close'
  },
  menu: {
    title: 'Service menu',
    page: { collection: 'Cash collection', reports: 'Reports and receipts', journal: 'Journal', claims: 'Claims', devices: 'Devices', settings: 'Settings' }
  },
  device: { printer: 'Receipt printer', billValidator: 'Note acceptor', cardReader: 'Card reader' },
  section: { rates: 'Exchange rates', limits: 'Limits', fee: 'Fees', bonus: 'Bonus tiers', pins: 'PINs' },
  notice: {
    recountRecorded: 'Recount of collection no. {number} recorded.',
    shortage: 'Shortage: {notes}',
    surplus: 'Surplus: {notes}',
    balanced: 'No shortage and no surplus.',
    reportPrinted: 'Report {report} no. {number} printed.',
    collectionPrinted: 'Collection report no. {number} printed.',
    receiptReprinted: 'Receipt {id} printed again.',
    testPassed: '{device}: test passed. {detail}',
    testFailed: '{device}: test failed. {detail}',
    settingsChanged: '{section} saved: they apply from the next quote.',
    credited: 'Transaction {id} credited to the card.',
    refunded: 'Refund of transaction {id} recorded.',
    outOfServiceOn: 'The kiosk is out of service: {reason}',
    outOfServiceOff: 'The kiosk is back in service.',
    trainingOn: 'Training mode is on.',
    trainingOff: 'Training mode is off.',
    journalExported: '{records} records exported to {file}.'
  },
  counters: {
    note: 'Note',
    sinceCollection: 'Since the last collection',
    lifetime: 'Lifetime',
    count: 'Count',
    sum: 'Sum',
    none: 'No notes'
  },
  collection: {
    collect: 'Take the cassette out and put an empty one in',
    title: 'Cash collection',
    cassetteOut: 'The cassette is out: put it back to finish the collection.',
    history: 'Collections',
    number: 'No.',
    period: 'Removed – replaced',
    expected: 'Expected',
    counted: 'Counted',
    shortage: 'Shortage',
    surplus: 'Surplus',
    notCounted: 'Not recounted yet',
    none: 'No collection yet.',
    reprint: 'Print report no. {number}',
    recount: {
      title: 'Recount of collection no. {number}',
      hint: 'Enter the notes you counted, per denomination.',
      less: 'One less',
      more: 'One more',
      add: 'Add a denomination',
      submit: 'Record the recount'
    }
  },
  reports: {
    title: 'Reports and receipts',
    period: 'Open period since {from}',
    cardPayments: 'Bank-card payments',
    topUps: 'Top-ups',
    flagged: 'Flagged transactions',
    inDoubt: 'Notes in doubt',
    countAmount: '{count}: {amount}',
    print: 'Print report {report}',
    close: 'Close the period: report {report}',
    closeConfirm: 'Report {report} closes the period and starts a new one. Print it now?',
    history: 'Reports',
    kind: { X: 'Report {report}', Z: 'Report {report}', collection: 'Collection' },
    noReports: 'No report yet.',
    receipts: 'Receipts of the period',
    noReceipts: 'No receipt in this period.',
    reprint: 'Print again',
    transaction: 'Transaction',
    time: 'Time',
    card: 'Card',
    credited: 'Credited'
  },
  journal: {
    title: 'Journal',
    from: 'From',
    to: 'To',
    kind: 'Kind',
    allKinds: 'All kinds',
    transaction: 'Transaction',
    card: 'Card (last digits)',
    search: 'Search',
    more: 'Show older records',
    export: 'Export {format}',
    shown: '{shown} of {total} records',
    seq: 'No.',
    time: 'Time',
    summary: 'Record',
    none: 'No record matches.'
  },
  claims: {
    lookUp: "Look up a customer's reference",
    reference: 'Reference on the receipt',
    search: 'Look up',
    clear: 'Clear',
    notFound: 'No transaction has the reference {reference}.',
    credited: 'Credited',
    onCard: { true: 'on the card', false: "activates at the card's next tap" },
    status: { completed: 'Completed', cancelled: 'Cancelled', pending: 'Pending', flagged: 'Flagged' },
    title: 'Claims',
    none: 'No flagged transaction.',
    reasons: 'Why flagged',
    amount: 'Amount',
    card: 'Card',
    unknown: 'Unknown',
    credit: 'Credit the card',
    refund: 'Record a refund',
    confirmCredit: 'Credit the card for transaction {id}?',
    confirmRefund: 'Record that the money of transaction {id} was given back to the customer?',
    note: 'Note (optional)',
    resolved: { credited: 'Credited', refunded: 'Refunded' },
    reason: {
      noteInDoubt: 'A note jammed: check whether it reached the cashbox',
      creditOutcomeUnknown: 'The host never confirmed the credit',
      creditConflict: 'The host answered differently for the same key',
      interrupted: 'The kiosk restarted during the top-up'
    }
  },
  devices: {
    title: 'Devices',
    working: 'Working',
    states: {
      billValidator: {
        disabled: 'not taking notes now',
        idle: 'taking notes',
        escrowed: 'a note in escrow',
        stacking: 'stacking a note',
        returning: 'giving a note back',
        jammed: 'jammed'
      },
      cardReader: { empty: 'ready, no card', present: 'a card on the reader', writing: 'writing a card', readError: 'cannot read cards' }
    },
    test: 'Test',
    fault: { paperLow: 'Paper low', paperOut: 'Out of paper', jam: 'Jammed', stackerFull: 'Stacker full', cassetteRemoved: 'Cassette removed' },
    outOfService: 'Out of service',
    inService: 'The kiosk is in service.',
    closed: 'Out of service: {reason}',
    reason: 'Reason',
    takeOut: 'Take out of service',
    backIn: 'Put back in service'
  },
  settings: {
    title: 'Settings',
    save: 'Save',
    rate: '{currency}, tenge per unit',
    limits: { minTopUpKzt: 'Smallest top-up, ₸', maxTopUpKzt: 'Largest top-up, ₸', maxBalanceKzt: 'Largest card balance, ₸' },
    fees: { cashKzt: 'Cash in tenge', cashForeign: 'Foreign cash', bankCard: 'Bank card' },
    percent: 'Percent',
    minKzt: 'At least, ₸',
    fromKzt: 'From, ₸',
    maxKzt: 'Bonus at most, ₸',
    addTier: 'Add a tier',
    removeTier: 'Remove',
    pin: 'New PIN: {role}',
    hasPin: 'has a PIN',
    noPin: 'no PIN',
    wholeNumber: '{field}: expected a whole number of tenge',
    pinDigits: '{field}: expected 4 to 8 digits',
    training: 'Training mode',
    trainingOn: 'Turn training on',
    trainingOff: 'Turn training off'
  }
}

export default service
