/** Reports read the journal through its folds (./domain): transaction summaries and the kiosk's counters. */
export { summarizeTransactions, type TransactionStatus, type TransactionSummary } from './domain/transactionSummaries'
export { countTopUps, type TopUpCounters } from './domain/counters'
