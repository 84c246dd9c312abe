import { describe, expect, it } from 'vitest'
import { DrillError, parseDrill } from '../../src/core/training/drillSchema'

describe('a drill file', () => {
  it('names every missing list as missing, and every bad value by its field', () => {
    let issues: string[] = []
    try {
      parseDrill({ title: { en: 'x' }, story: 'a story', timeLimitSeconds: 5, passMark: 10 }, 'x')
    } catch (err) {
      if (!(err instanceof DrillError)) throw err
      issues = err.issues
    }
    expect(issues).toEqual([
      'story: expected a list of captions, one a paragraph',
      'tasks: missing: expected a list of tasks',
      'timeLimitSeconds: expected an integer from 10 to 86400',
      'solution: missing: expected a list of steps (the reference solution)'
    ])
  })
})
