/**
 * Lists of the core's names that the renderer needs at run time. They are copied here rather than
 * imported from core/config or core/protocol, which would bring zod (and its eval probe, a CSP
 * violation) into the page; the checks below fail to compile if the core adds a name.
 */
import type { CurrencyCode } from '../../core/config'
import type { DeclineReason } from '../../core/devices/pos'

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never

export const CURRENCY_CODES = ['KZT', 'USD', 'EUR', 'RUB', 'CNY'] as const satisfies readonly CurrencyCode[]
const everyCurrencyListed: Exhaustive<CurrencyCode, (typeof CURRENCY_CODES)[number]> = true

export const DECLINE_REASONS = ['insufficientFunds', 'cardNotSupported', 'wrongPin', 'cancelledByCustomer'] as const satisfies readonly DeclineReason[]
const everyDeclineReasonListed: Exhaustive<DeclineReason, (typeof DECLINE_REASONS)[number]> = true

void everyCurrencyListed
void everyDeclineReasonListed
