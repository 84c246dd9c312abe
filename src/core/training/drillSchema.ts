/**
 * The drill file (docs/training.md): a story, the kiosk it runs on and what happens before the
 * trainee takes over (the set-up, armed faults among its steps), the actions the drill expects with
 * their points and hints, the harmful actions it penalises, a time limit, a pass mark and a
 * reference solution. Errors name the field as the author wrote it (`expected[2].proof.record`).
 */
import { z } from 'zod'
import { boundedInt, ConfigError, formatIssue, loadConfig, type KioskConfig } from '../config'
import { JOURNAL_KINDS, type JournalKind } from '../domain/journalKinds'
import { captionSchema, type Caption } from '../protocol'
import { CARD_STATUSES } from '../cards'
import { parseStep, ScenarioError, VERBS, type Step, type Verb } from '../scenario/schema'

/** When an action was taken: the kiosk's top-level state then (a cassette pulled `during: "session"` is harmful). */
export const DRILL_PHASES = ['idle', 'session', 'service', 'outOfService'] as const
export type DrillPhase = (typeof DRILL_PHASES)[number]

/**
 * What proves an action: a journal record of a kind whose data holds `where` (each key equal, deep),
 * or a step the trainee took (a scenario verb whose fields hold `where`), optionally only in a phase.
 * `count` asks for the n-th such record or step (2: the second, e.g. a flagged top-up resolved twice).
 */
export type DrillProof =
  | { record: JournalKind; where?: Record<string, unknown>; count?: number }
  | { action: Verb; where?: Record<string, unknown>; during?: DrillPhase; count?: number }

export interface DrillTask {
  id: string
  caption: Caption
  points: number
  proof: DrillProof
  /** The id of a task this one only counts after (its proof must come later). */
  after?: string
  hint?: Caption
}

export interface DrillPenalty {
  id: string
  caption: Caption
  points: number
  proof: DrillProof
  /** Charged at every match (default), or only at the first. */
  once?: boolean
}

export interface Drill {
  id: string
  title: Caption
  /** What the trainer reads out and the console shows first, one caption a paragraph. */
  story: Caption[]
  config: KioskConfig
  cards: { number: string; balanceKzt: number; status: (typeof CARD_STATUSES)[number] }[] | null
  /** Played before the trainee takes over (a customer's session, faults switched on or armed). */
  setup: Step[]
  tasks: DrillTask[]
  penalties: DrillPenalty[]
  /** Points a hint costs. */
  hintCost: number
  timeLimitSeconds: number
  /** The score that passes (at most the sum of the tasks' points). */
  passMark: number
  /** The reference solution: the trainee's part, played after the set-up, as scenario steps. */
  solution: Step[]
}

/** A list's error: a missing one said so, a wrong one what it should be. */
const listOf =
  (what: string) =>
  (issue: { input: unknown }): string =>
    issue.input === undefined ? `missing: expected a list of ${what}` : `expected a list of ${what}`
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'expected lower-case letters, digits and "-"')
const where = z.record(z.string(), z.unknown()).optional()
const proofSchema = z.union(
  [
    z.strictObject({
      record: z.enum(JOURNAL_KINDS, { error: 'expected a journal record kind (docs/journal.md)' }),
      where,
      count: boundedInt(1, 99).optional()
    }),
    z.strictObject({
      action: z.enum(VERBS, { error: `expected a scenario verb: ${VERBS.join(', ')}` }),
      where,
      during: z.enum(DRILL_PHASES).optional(),
      count: boundedInt(1, 99).optional()
    })
  ],
  { error: 'expected {"record": kind, "where"?: {...}} or {"action": verb, "where"?: {...}, "during"?: phase}' }
)
const points = boundedInt(1, 1000)
const taskSchema = z.strictObject({ id, caption: captionSchema, points, proof: proofSchema, after: id.optional(), hint: captionSchema.optional() })
const penaltySchema = z.strictObject({ id, caption: captionSchema, points, proof: proofSchema, once: z.boolean().optional() })

const fileSchema = z.strictObject({
  $schema: z.string().optional(),
  title: captionSchema,
  story: z
    .array(captionSchema, { error: listOf('captions, one a paragraph') })
    .min(1, 'expected at least one caption')
    .max(20),
  // Taken as it is: loadConfig names every key it does not know (as for scenarios).
  config: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'expected an object').optional(),
  cards: z
    .array(
      z.strictObject({
        number: z.string().regex(/^\d{16}$/, 'expected a 16-digit card number'),
        balanceKzt: boundedInt(0, 10_000_000),
        status: z.enum(CARD_STATUSES)
      })
    )
    .optional(),
  setup: z.array(z.unknown()).max(500).optional(),
  tasks: z
    .array(taskSchema, { error: listOf('tasks') })
    .min(1, 'expected at least one task')
    .max(30),
  penalties: z.array(penaltySchema).max(30).optional(),
  hintCost: boundedInt(0, 1000).optional(),
  timeLimitSeconds: boundedInt(10, 24 * 3600),
  passMark: boundedInt(0, 30_000),
  solution: z
    .array(z.unknown(), { error: listOf('steps (the reference solution)') })
    .min(1, 'expected at least one step')
    .max(500)
})

export class DrillError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('\n'))
    this.name = 'DrillError'
  }
}

function steps(raw: unknown[] | undefined, field: string): Step[] {
  return (raw ?? []).map((step, i) => {
    try {
      return parseStep(step, i)
    } catch (err) {
      if (err instanceof ScenarioError) throw new DrillError(err.issues.map((issue) => `${field}${issue.startsWith('steps') ? issue.slice(5) : `: ${issue}`}`))
      throw err
    }
  })
}

/** Validates a parsed drill file (`id` is its name without `.drill.json`); throws DrillError naming every bad field. */
export function parseDrill(raw: unknown, drillId: string): Drill {
  const parsed = fileSchema.safeParse(raw)
  if (!parsed.success) throw new DrillError(parsed.error.issues.flatMap((i) => formatIssue(i, '')))
  const file = parsed.data
  let config: KioskConfig
  try {
    config = loadConfig(file.config ?? {}, 'config')
  } catch (err) {
    if (err instanceof ConfigError) throw new DrillError(err.issues)
    throw err
  }
  const ids = new Set<string>()
  const issues: string[] = []
  for (const [i, task] of file.tasks.entries()) {
    if (ids.has(task.id)) issues.push(`tasks[${i}].id: "${task.id}" is used twice`)
    ids.add(task.id)
  }
  for (const [i, task] of file.tasks.entries()) {
    if (task.after !== undefined && (!ids.has(task.after) || task.after === task.id)) issues.push(`tasks[${i}].after: expected the id of another task`)
  }
  const maxScore = file.tasks.reduce((sum, t) => sum + t.points, 0)
  if (file.passMark > maxScore) issues.push(`passMark: ${file.passMark} is above the tasks' ${maxScore} points`)
  if (issues.length) throw new DrillError(issues)
  return {
    id: drillId,
    title: file.title as Caption,
    story: file.story as Caption[],
    config,
    cards: file.cards ?? null,
    setup: steps(file.setup, 'setup'),
    tasks: file.tasks as DrillTask[],
    penalties: (file.penalties ?? []) as DrillPenalty[],
    hintCost: file.hintCost ?? 5,
    timeLimitSeconds: file.timeLimitSeconds,
    passMark: file.passMark,
    solution: steps(file.solution, 'solution')
  }
}
