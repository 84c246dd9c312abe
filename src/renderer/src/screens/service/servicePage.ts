/**
 * What the service screens share besides their layout: the open page's data, the names the core
 * lists (copied, so that no zod reaches the page: see constants.ts), and how counted notes read.
 */
import { JOURNAL_KINDS } from '../../../../core/domain/journalKinds'
import type { JournalKind, SettingsSection } from '../../../../core/domain/journalRecords'
import type { DenominationCount, KioskView, Language, ServicePageView, ServiceRole } from '../../../../core/protocol'
import { formatNote, formatNumber } from '../../format'

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never

/** The data of `page` when it is the page the view carries, else null (the runtime may not have added it yet). */
export function pageData<P extends ServicePageView['page']>(view: KioskView, page: P): Extract<ServicePageView, { page: P }> | null {
  const open = view.service?.page
  return open && open.page === page ? (open as Extract<ServicePageView, { page: P }>) : null
}

export const ROLES = ['collector', 'technician', 'administrator'] as const satisfies readonly ServiceRole[]
const everyRoleListed: Exhaustive<ServiceRole, (typeof ROLES)[number]> = true
void everyRoleListed

export const SETTINGS_SECTIONS = ['rates', 'limits', 'fee', 'bonus', 'pins'] as const satisfies readonly SettingsSection[]
const everySectionListed: Exhaustive<SettingsSection, (typeof SETTINGS_SECTIONS)[number]> = true
void everySectionListed

/** The journal's record kinds, for the viewer's filter. */
export const JOURNAL_KIND_LIST: readonly JournalKind[] = JOURNAL_KINDS

/** Counted notes as a line: `1 000 ₸ × 2, 20 USD × 1`. */
export function formatCounts(counts: readonly DenominationCount[], language: Language): string {
  return counts.map((c) => `${formatNote(c, language)}\u00a0×\u00a0${formatNumber(c.count, language)}`).join(', ')
}

/** What the journal viewer asks for (the lead wires the `journalQuery` event to the core). */
export interface JournalQuery {
  from?: string
  to?: string
  kinds?: JournalKind[]
  transaction?: string
  card?: string
  /** Records before this sequence number (the next page). */
  before?: number
}

/**
 * A `datetime-local` input's value read as the kiosk's wall-clock time (Asia/Almaty, as every
 * screen shows time), as an ISO instant; undefined when empty or not a date.
 */
export function kioskLocalToIso(local: string, timeZone = 'Asia/Almaty'): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local)
  if (!match) return undefined
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number]
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s)
  // The zone's offset at that moment: format the UTC guess in the zone and compare.
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit'
  }).formatToParts(new Date(asUtc))
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const zoned = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
  return new Date(asUtc - (zoned - asUtc)).toISOString()
}
