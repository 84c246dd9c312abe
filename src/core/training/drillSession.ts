/**
 * Scores a drill as it happens (docs/training.md), headless (drillRun.ts) or live (the training
 * room): it is fed the trainee's steps and the journal records appended after the set-up, and
 * folds them into the tasks met, the penalties earned and the timeline each time it is asked.
 */
import type { JournalRecord } from '../journal'
import type { Caption, DrillPenaltyView, DrillResultView, DrillTaskView, DrillTimelineEntry, DrillView } from '../protocol'
import type { Step } from '../scenario/schema'
import type { KioskSnapshot } from '../view'
import type { Drill, DrillPhase, DrillProof } from './drillSchema'

/** How a trainee step was taken. */
export interface DrillStepContext {
  /** When it was taken (ms since the epoch, the kiosk's clock). */
  at: number
  /** The kiosk's top-level phase when it was taken (drillPhaseOf the snapshot before it). */
  phase: DrillPhase
  /** The screen after it. */
  screenAfter: string
  /**
   * The journal's last seq before the step was taken: records after it are this step's, also those
   * that arrived before this call (live, the intent's own records are appended before it returns).
   * Without it, the records that arrive from this call on are this step's.
   */
  seqBefore?: number
  /** Why it was not possible, or which expectation failed: noted in the timeline, it proves nothing. */
  error?: string
}

/** The kiosk's top-level phase in a drill's words: a customer's session, service mode, out of service (any kind), or idle. */
export function drillPhaseOf(snapshot: Pick<KioskSnapshot, 'value'>): DrillPhase {
  const value: unknown = snapshot.value
  const top = typeof value === 'string' ? value : Object.keys(value as object)[0]
  if (top === 'idle' || top === 'session' || top === 'service') return top
  return 'outOfService'
}

/** Whether `actual` holds every key of `wanted` with an equal value (objects compared the same way, arrays item by item). */
export function holdsSubset(wanted: unknown, actual: unknown): boolean {
  if (Array.isArray(wanted)) return Array.isArray(actual) && actual.length === wanted.length && wanted.every((w, i) => holdsSubset(w, actual[i]))
  if (typeof wanted === 'object' && wanted !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false
    return Object.entries(wanted).every(([key, w]) => Object.hasOwn(actual, key) && holdsSubset(w, (actual as Record<string, unknown>)[key]))
  }
  return Object.is(wanted, actual)
}

interface TakenStep {
  step: Step
  ctx: DrillStepContext
}
interface FedRecord {
  record: JournalRecord
  /** The timeline entry (trainee step) whose records it is; -1 before the first step. */
  entry: number
}
/** One thing that happened, in the order the drill judges it: a step, then the records it produced. */
type DrillEvent = { kind: 'step'; entry: number; taken: TakenStep } | { kind: 'record'; entry: number; fed: FedRecord }

interface Judgement {
  done: Set<string>
  penalties: DrillPenaltyView[]
  met: Map<number, string>
  penalised: Map<number, string>
}

const toSeconds = (ms: number): number => Math.round(ms / 100) / 10

/** Whether one event matches a proof (the count is the caller's); a refused step only with `attempts` (a penalty's). */
function proves(proof: DrillProof, event: DrillEvent, attempts = false): boolean {
  if ('record' in proof) return event.kind === 'record' && event.fed.record.kind === proof.record && holdsSubset(proof.where ?? {}, event.fed.record.data)
  if (event.kind !== 'step' || (!attempts && event.taken.ctx.error !== undefined) || !('do' in event.taken.step)) return false
  const { step, ctx } = event.taken
  if (step.do !== proof.action || (proof.during !== undefined && ctx.phase !== proof.during)) return false
  const { do: _verb, caption: _caption, ...fields } = step as typeof step & { caption?: unknown }
  return holdsSubset(proof.where ?? {}, fields)
}

export class DrillSession {
  private readonly steps: TakenStep[] = []
  private readonly records: FedRecord[] = []
  private readonly hintsGiven: string[] = []
  private result: DrillResultView | null = null
  readonly startedAt: number
  readonly trainee: string

  constructor(
    readonly drill: Drill,
    options: { trainee: string; startedAt: number }
  ) {
    this.trainee = options.trainee
    this.startedAt = options.startedAt
  }

  /** A trainee step, after it was taken (or found not possible). Ignored once the drill is finished. */
  step(step: Step, ctx: DrillStepContext): void {
    if (this.result) return
    const entry = this.steps.length
    this.steps.push({ step, ctx })
    const { seqBefore } = ctx
    if (seqBefore !== undefined) for (const fed of this.records) if (fed.record.seq > seqBefore && fed.entry === entry - 1) fed.entry = entry
  }

  /** A journal record appended after the set-up. Ignored once the drill is finished. */
  record(record: JournalRecord): void {
    if (this.result) return
    this.records.push({ record, entry: this.steps.length - 1 })
  }

  /** The next hint, of the first task not yet done that has one not yet given; it costs drill.hintCost. Null when none is left. */
  hint(): Caption | null {
    if (this.result) return null
    const { done } = this.judge()
    const task = this.drill.tasks.find((t) => t.hint !== undefined && !done.has(t.id) && !this.hintsGiven.includes(t.id))
    if (!task) return null
    this.hintsGiven.push(task.id)
    return task.hint!
  }

  /** Whether every task is done. */
  isComplete(): boolean {
    return this.judge().done.size === this.drill.tasks.length
  }

  /** What the trainer's console shows while the drill runs. */
  active(nowMs: number): NonNullable<DrillView['active']> {
    const judged = this.judge()
    const { drill } = this
    return {
      drill: drill.id,
      title: drill.title,
      trainee: this.trainee,
      story: drill.story,
      tasks: this.taskViews(judged.done),
      hints: this.hintsGiven.map((id) => drill.tasks.find((t) => t.id === id)!.hint!),
      hintsLeft: drill.tasks.filter((t) => t.hint !== undefined && !judged.done.has(t.id) && !this.hintsGiven.includes(t.id)).length,
      secondsLeft: Math.max(0, Math.ceil(drill.timeLimitSeconds - (nowMs - this.startedAt) / 1000)),
      score: this.score(judged)
    }
  }

  /** Scores the drill as it stands; later steps and records are ignored. Finishing twice gives the first result. */
  finish(outcome: DrillResultView['outcome'], nowMs: number, expected: DrillTimelineEntry[] = []): DrillResultView {
    if (this.result) return this.result
    const judged = this.judge()
    const { drill } = this
    const maxScore = drill.tasks.reduce((sum, t) => sum + t.points, 0)
    const score = this.score(judged)
    const elapsed = Math.min(Math.max(0, nowMs - this.startedAt), drill.timeLimitSeconds * 1000)
    this.result = {
      drill: drill.id,
      title: drill.title,
      trainee: this.trainee,
      startedAt: new Date(this.startedAt).toISOString(),
      finishedAt: new Date(this.startedAt + elapsed).toISOString(),
      outcome,
      score,
      maxScore,
      passMark: drill.passMark,
      passed: score >= drill.passMark,
      hintsUsed: this.hintsGiven.length,
      seconds: toSeconds(elapsed),
      tasks: this.taskViews(judged.done),
      penalties: judged.penalties,
      timeline: this.timeline(judged),
      expected
    }
    return this.result
  }

  /** The trainee's timeline so far: one entry per step, with its records and what it met or earned. */
  timeline(judged: Judgement = this.judge()): DrillTimelineEntry[] {
    return this.steps.map(({ step, ctx }, i) => ({
      at: toSeconds(ctx.at - this.startedAt),
      step: { ...step },
      screen: ctx.screenAfter,
      met: judged.met.get(i) ?? null,
      penalty: judged.penalised.get(i) ?? null,
      records: this.records.filter((r) => r.entry === i).map((r) => ({ seq: r.record.seq, kind: r.record.kind })),
      ...(ctx.error !== undefined ? { error: ctx.error } : {})
    }))
  }

  private score(judged: Judgement): number {
    const earned = this.drill.tasks.filter((t) => judged.done.has(t.id)).reduce((sum, t) => sum + t.points, 0)
    const lost = judged.penalties.reduce((sum, p) => sum + p.points, 0) + this.hintsGiven.length * this.drill.hintCost
    return Math.max(0, earned - lost)
  }

  private taskViews(done: Set<string>): DrillTaskView[] {
    return this.drill.tasks.map((t) => ({ id: t.id, caption: t.caption, points: t.points, done: done.has(t.id) }))
  }

  /** Every step and record within the time limit, in order: records before the first step, then each step followed by its records. */
  private events(): DrillEvent[] {
    const limit = this.startedAt + this.drill.timeLimitSeconds * 1000
    const inTime = this.records.filter((r) => Date.parse(r.record.time) <= limit)
    const recordsOf = (entry: number): DrillEvent[] =>
      inTime
        .filter((r) => r.entry === entry)
        .sort((a, b) => a.record.seq - b.record.seq)
        .map((fed) => ({ kind: 'record', entry, fed }))
    const events = recordsOf(-1)
    for (const [entry, taken] of this.steps.entries()) {
      if (taken.ctx.at > limit) continue
      events.push({ kind: 'step', entry, taken }, ...recordsOf(entry))
    }
    return events
  }

  /** The fold: which tasks are done, which penalties were earned, and at which step. */
  private judge(): Judgement {
    const { drill } = this
    const judged: Judgement = { done: new Set(), penalties: [], met: new Map(), penalised: new Map() }
    const doneAt = new Map<string, number>()
    const taskMatches = new Map<string, number>()
    const penaltyMatches = new Map<string, number>()
    for (const [index, event] of this.events().entries()) {
      for (const task of drill.tasks) {
        if (doneAt.has(task.id) || !proves(task.proof, event)) continue
        // An `after` task counts only matches that come later than the other task's proof.
        if (task.after !== undefined && !((doneAt.get(task.after) ?? Infinity) < index)) continue
        const n = (taskMatches.get(task.id) ?? 0) + 1
        taskMatches.set(task.id, n)
        if (n < (task.proof.count ?? 1)) continue
        doneAt.set(task.id, index)
        judged.done.add(task.id)
        if (event.entry >= 0 && !judged.met.has(event.entry)) judged.met.set(event.entry, task.id)
      }
      for (const penalty of drill.penalties) {
        // A harmful action counts when tried, even if the kiosk refused it (crediting a flagged top-up the host answered).
        if (!proves(penalty.proof, event, true)) continue
        const n = (penaltyMatches.get(penalty.id) ?? 0) + 1
        penaltyMatches.set(penalty.id, n)
        const from = penalty.proof.count ?? 1
        if (n < from || (penalty.once && n > from)) continue
        const at = event.kind === 'step' ? event.taken.ctx.at : Date.parse(event.fed.record.time)
        judged.penalties.push({ id: penalty.id, caption: penalty.caption, points: penalty.points, at: toSeconds(at - this.startedAt) })
        if (event.entry >= 0 && !judged.penalised.has(event.entry)) judged.penalised.set(event.entry, penalty.id)
      }
    }
    return judged
  }
}
