/**
 * Drill results kept in the data folder: `<data>/drills/<yyyy-mm-dd>-<trainee>-<drill>-<n>.json`,
 * the result as the trainer's console showed it, and beside it a printable, self-contained `.html`
 * (no script, no file fetched): the debrief on paper. A result is never overwritten.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Caption, DrillResultView, DrillTimelineEntry, Language } from '../core/protocol'

/** Cyrillic letters (Russian and Kazakh) in Latin, for file names. */
const LATIN: Record<string, string> = Object.fromEntries(
  Object.entries({
    а: 'a',
    ә: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    ғ: 'g',
    д: 'd',
    е: 'e',
    ё: 'e',
    ж: 'zh',
    з: 'z',
    и: 'i',
    й: 'i',
    і: 'i',
    к: 'k',
    қ: 'q',
    л: 'l',
    м: 'm',
    н: 'n',
    ң: 'n',
    о: 'o',
    ө: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ұ: 'u',
    ү: 'u',
    ф: 'f',
    х: 'h',
    һ: 'h',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ъ: '',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'yu',
    я: 'ya'
  })
)

/** A trainee's name for a file name: Latin letters, digits and dashes (Cyrillic transliterated); `trainee` when nothing is left. */
export function traineeSlug(name: string): string {
  const latin = [...name.toLowerCase()].map((ch) => LATIN[ch] ?? ch).join('')
  const slug = latin
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  return slug || 'trainee'
}

/** Where a result's files went. */
export interface SavedDrillResult {
  json: string
  html: string
}

/**
 * Keeps a result under `<dataDir>/drills/`, named by its start's date (UTC), the trainee, the drill
 * and the first number free for them; never overwrites a file (a result saved twice gets the next number).
 */
export function saveDrillResult(dataDir: string, result: DrillResultView, language: Language = 'en'): SavedDrillResult {
  const dir = join(dataDir, 'drills')
  mkdirSync(dir, { recursive: true })
  const base = `${result.startedAt.slice(0, 10)}-${traineeSlug(result.trainee)}-${result.drill}`
  for (let n = 1; ; n++) {
    const json = join(dir, `${base}-${n}.json`)
    const html = join(dir, `${base}-${n}.html`)
    try {
      // 'wx': fails when the file exists, so two saves at once cannot take the same number.
      writeFileSync(json, JSON.stringify(result, null, 2) + '\n', { flag: 'wx' })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue
      throw err
    }
    writeFileSync(html, drillResultHtml(result, language), { flag: 'wx' })
    return { json, html }
  }
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** A caption in `language`, else English, else its first language. */
const captionIn = (caption: Caption, language: Language): string => caption[language] ?? caption.en ?? Object.values(caption).find((t) => t !== undefined) ?? ''

/** A step as one line: its verb and fields (`insertBill currency=USD value=10`). */
function stepLine(step: Record<string, unknown>): string {
  if ('expect' in step) return `expect ${JSON.stringify(step.expect)}`
  const { do: verb, caption: _caption, ...fields } = step
  const rest = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
  return [String(verb), ...rest].join(' ')
}

function timelineTable(title: string, entries: DrillTimelineEntry[], tasks: Map<string, string>, penalties: Map<string, string>): string {
  const rows = entries.map((e) => {
    const notes = [
      e.met !== null ? `<span class="met">✓ ${escapeHtml(tasks.get(e.met) ?? e.met)}</span>` : '',
      e.penalty !== null ? `<span class="penalty">✗ ${escapeHtml(penalties.get(e.penalty) ?? e.penalty)}</span>` : '',
      e.error !== undefined ? `<span class="error">${escapeHtml(e.error)}</span>` : ''
    ].filter(Boolean)
    const records = e.records.map((r) => `${r.seq} ${escapeHtml(r.kind)}`).join('<br>')
    const step = `<code>${escapeHtml(stepLine(e.step))}</code><br><small>→ ${escapeHtml(e.screen)}</small>`
    return `<tr><td>${e.at} s</td><td>${step}</td><td>${notes.join('<br>')}</td><td class="records">${records}</td></tr>`
  })
  const body = rows.length ? rows.join('\n') : '<tr><td colspan="4">No steps.</td></tr>'
  const head = '<thead><tr><th>At</th><th>Step</th><th>Met</th><th>Journal records</th></tr></thead>'
  return `<section><h2>${escapeHtml(title)}</h2><table>${head}<tbody>\n${body}\n</tbody></table></section>`
}

const OUTCOMES: Record<DrillResultView['outcome'], string> = { finished: 'Finished', timeUp: 'Time up', aborted: 'Aborted' }

/** The printable debrief: trainee, date, score, tasks, penalties, and the trainee's timeline beside the expected one. Everything escaped. */
export function drillResultHtml(r: DrillResultView, language: Language = 'en'): string {
  const tasks = new Map(r.tasks.map((t) => [t.id, captionIn(t.caption, language)]))
  const penaltyNames = new Map(r.penalties.map((p) => [p.id, captionIn(p.caption, language)]))
  const title = captionIn(r.title, language)
  const taskRows = r.tasks
    .map((t) => {
      const points = `${t.done ? t.points : 0} / ${t.points}`
      return `<tr><td>${t.done ? '✓' : '✗'}</td><td>${escapeHtml(captionIn(t.caption, language))}</td><td>${points}</td></tr>`
    })
    .join('\n')
  const penaltyRows = r.penalties.length
    ? r.penalties.map((p) => `<tr><td>${p.at} s</td><td>${escapeHtml(captionIn(p.caption, language))}</td><td>−${p.points}</td></tr>`).join('\n')
    : '<tr><td colspan="3">None.</td></tr>'
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${title}: ${r.trainee}`)}</title>
<style>
body { font: 11pt/1.4 sans-serif; margin: 1.5cm; color: #000; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; vertical-align: top; }
.columns { display: flex; gap: 1em; } .columns section { flex: 1; }
.met { color: #064; } .penalty, .error { color: #a00; } .records { font-family: monospace; font-size: 9pt; }
.verdict { font-size: 14pt; font-weight: bold; }
@media print { .columns { display: block; } }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Trainee: <strong>${escapeHtml(r.trainee)}</strong><br>Drill: ${escapeHtml(r.drill)}<br>
Started: ${escapeHtml(r.startedAt)}; finished: ${escapeHtml(r.finishedAt)} (${r.seconds} s, ${OUTCOMES[r.outcome]})</p>
<p class="verdict">Score: ${r.score} of ${r.maxScore} (pass mark ${r.passMark}): ${r.passed ? 'passed' : 'not passed'}</p>
<p>Hints used: ${r.hintsUsed}</p>
<h2>Tasks</h2>
<table><tbody>
${taskRows}
</tbody></table>
<h2>Penalties</h2>
<table><tbody>
${penaltyRows}
</tbody></table>
<div class="columns">
${timelineTable("The trainee's steps", r.timeline, tasks, penaltyNames)}
${timelineTable('The expected steps', r.expected, tasks, penaltyNames)}
</div>
</body>
</html>
`
}
