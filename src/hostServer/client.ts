/**
 * The kiosk's host adapter over HTTP (docs/host-api.md): the HostLink of src/core spoken to a host
 * at a URL. Each request has its own timeout; a request with no answer (timed out, connection lost,
 * a 5xx) is sent again with the same body, so a credit keeps its idempotency key and is applied
 * once. Refusals (4xx) are not retried; a conflict is the core's IdempotencyConflictError. When the
 * attempts run out the call fails and the kiosk's own rules take over (more retries with the same
 * key on its clock, then a flagged top-up: docs/devices.md).
 */
import type { z } from 'zod'
import {
  HostUnavailableError,
  IdempotencyConflictError,
  type CardQuery,
  type CardWriteReport,
  type CreditRequest,
  type CreditResult,
  type CreditStatus,
  type HostLink,
  type LookupResult
} from '../core/devices/host'
import { CardLookupResponse, CardWriteResponse, CreditResponse, CreditStatusResponse, EchoResponse, firstIssue, HostError } from '../core/hostApi'

export interface HttpHostLinkOptions {
  /** One request's timeout (default 3000 ms): a few, with the waits between them, stay within the kiosk's `timeouts.hostSeconds`. */
  timeoutMs?: number
  /** How many times a request with no answer is sent (default 2). */
  attempts?: number
  /** The wait before the second attempt, doubled for each next one (default 200 ms). */
  retryDelayMs?: number
}

/** The host answered, but with a refusal or an answer that breaks the API: not retried. */
export class HostRefusedError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string
  ) {
    super(message)
    this.name = 'HostRefusedError'
  }
}

/** No answer within the attempts: the outcome of what was sent is unknown. */
class NoAnswer extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class HttpHostLink implements HostLink {
  /** The host's URL without a trailing slash. */
  readonly address: string
  private readonly timeoutMs: number
  private readonly attempts: number
  private readonly retryDelayMs: number
  private inFlight = new Set<Promise<unknown>>()

  constructor(url: string, options: HttpHostLinkOptions = {}) {
    this.address = url.replace(/\/+$/, '')
    this.timeoutMs = options.timeoutMs ?? 3000
    this.attempts = options.attempts ?? 2
    this.retryDelayMs = options.retryDelayMs ?? 200
  }

  async echo(): Promise<void> {
    await this.call('GET', '/v1/echo', undefined, EchoResponse)
  }

  lookupCard(query: CardQuery): Promise<LookupResult> {
    return this.call('POST', '/v1/cards/lookup', query, CardLookupResponse)
  }

  credit(request: CreditRequest): Promise<CreditResult> {
    return this.call('POST', '/v1/credits', request, CreditResponse)
  }

  async confirmCardWrite(report: CardWriteReport): Promise<void> {
    if (report.transactionIds.length > 0) await this.call('POST', '/v1/card-writes', report, CardWriteResponse)
  }

  creditStatus(idempotencyKey: string): Promise<CreditStatus> {
    return this.call('GET', `/v1/credits/${encodeURIComponent(idempotencyKey)}`, undefined, CreditStatusResponse)
  }

  /** Resolves once no request is on its way (a kiosk on a virtual clock lets the real network answer before time moves on). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  /** How many requests are on their way now. */
  get pending(): number {
    return this.inFlight.size
  }

  private call<T extends z.ZodType>(method: string, path: string, body: unknown, answer: T): Promise<z.infer<T>> {
    const request = this.send(method, path, body, answer)
    this.inFlight.add(request)
    void request.then(
      () => this.inFlight.delete(request),
      () => this.inFlight.delete(request)
    )
    return request
  }

  private async send<T extends z.ZodType>(method: string, path: string, body: unknown, answer: T): Promise<z.infer<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(method, path, body, answer)
      } catch (err) {
        if (!(err instanceof NoAnswer)) throw err
        if (attempt >= this.attempts) throw new HostUnavailableError()
        await sleep(this.retryDelayMs * 2 ** (attempt - 1))
      }
    }
  }

  private async once<T extends z.ZodType>(method: string, path: string, body: unknown, answer: T): Promise<z.infer<T>> {
    let response: Response
    let text: string
    try {
      const init: RequestInit = { method, signal: AbortSignal.timeout(this.timeoutMs) }
      if (body !== undefined) Object.assign(init, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      response = await fetch(`${this.address}${path}`, init)
      text = await response.text()
    } catch {
      throw new NoAnswer() // timed out, refused, reset: the host may or may not have acted on it
    }
    if (response.status >= 500) throw new NoAnswer()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new HostRefusedError(`${method} ${path}: the host's answer is not JSON (HTTP ${response.status})`, response.status, 'badAnswer')
    }
    if (!response.ok) {
      const error = HostError.safeParse(json)
      if (!error.success) throw new HostRefusedError(`${method} ${path}: HTTP ${response.status}`, response.status, 'badAnswer')
      const { code, message, differs } = error.data.error
      const key = (body as { idempotencyKey?: string } | undefined)?.idempotencyKey
      if (code === 'idempotencyConflict' && key) throw new IdempotencyConflictError(key, differs ?? [])
      throw new HostRefusedError(message, response.status, code)
    }
    const parsed = answer.safeParse(json)
    if (!parsed.success)
      throw new HostRefusedError(`${method} ${path}: the host's answer breaks the API: ${firstIssue(parsed.error).message}`, response.status, 'badAnswer')
    return parsed.data
  }
}

/** The env variable the Electron kiosk reads its host's URL from (docs/host-api.md). */
export const HOST_URL_ENV = 'KIOSK_SIM_HOST_URL'
/** The card-reference key file shared with that host (the Electron kiosk's `--card-key`). */
export const CARD_KEY_ENV = 'KIOSK_SIM_CARD_KEY'

/** A host link for `--host-url` / KIOSK_SIM_HOST_URL, or nothing (the in-process host); throws naming what is wrong with the URL. */
export function hostLinkFor(url: string | undefined): { hostLink?: HttpHostLink } {
  if (url === undefined || url === '') return {}
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error(`expected an http:// or https:// URL of a host (kiosk-sim host prints it), got "${url}"`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`expected an http:// or https:// URL, got "${url}"`)
  return { hostLink: new HttpHostLink(parsed.href) }
}
