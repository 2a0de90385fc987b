// 客户规则 (DOC-6, CUS-9): the suggested-grade rules between the API's form and the rows the
// page edits, and the server's field errors between their paths and the rows. Pure functions
// (customerRules.test.ts).
import type { GradeRule, RuleField, RuleOp } from '../api/admin'
import { fieldMeta } from '../customers/fields'
import { formatFen, parseYuan } from '../customers/money'

/** The tokens of a code rule, each with the locale key of its meaning (customerRules.tokens.*). */
export const CODE_TOKENS: readonly { token: string; key: string }[] = [
  { token: '{yyyy}', key: 'yyyy' },
  { token: '{yy}', key: 'yy' },
  { token: '{mm}', key: 'mm' },
  { token: '{dd}', key: 'dd' },
  { token: '{seq:N}', key: 'seq' },
]

/** At most this many grade rules (the server refuses more). */
export const MAX_RULES = 100

/** One grade rule as the page edits it: every value as typed text (money in 元). */
export interface RuleRow {
  /** Stable key for the list while rows move. */
  uid: number
  grade: string
  field: string
  /** Follows the field (rule_fields); a stored rule's own when the field is not offered. */
  op: RuleOp | (string & {})
  value: string
  reason: string
}

export type RuleMember = 'grade' | 'field' | 'value' | 'reason'

/** How the value of a rule is entered. */
export type ValueKind = 'choice' | 'dictionary' | 'text' | 'money' | 'number'

/** Money fields (registered capital) are compared in fen but typed in 元. */
export const isMoneyField = (key: string): boolean => fieldMeta(key).type === 'money'

export function valueKind(key: string, op: string, field: RuleField | undefined): ValueKind {
  if (op === 'gte') return isMoneyField(key) ? 'money' : 'number'
  if (field?.choices?.length) return 'choice'
  if (field?.dictionary) return 'dictionary'
  return 'text'
}

/** The locale key of a choice's label (e.g. customers.status.active); null when it has none. */
export function choiceLabelKey(key: string, choice: string): string | null {
  const meta = fieldMeta(key)
  return meta.type === 'enum' && meta.enumKey ? `${meta.enumKey}.${choice}` : null
}

/** "100000000" for 10 000 000 000 fen, "1234.5" for 123 450: 元 as one types it. */
export function fenToYuanText(fen: number): string {
  const text = formatFen(fen, false)
  return text.endsWith('.00') ? text.slice(0, -3) : text.replace(/0$/, '')
}

let nextUid = 1

export function rowFromRule(rule: GradeRule): RuleRow {
  const value = rule.op === 'gte' && typeof rule.value === 'number' && isMoneyField(rule.field)
    ? fenToYuanText(rule.value)
    : String(rule.value ?? '')
  return { uid: nextUid++, grade: rule.grade, field: rule.field, op: rule.op, value, reason: rule.reason }
}

export const rowsFromRules = (rules: readonly GradeRule[]): RuleRow[] => rules.map(rowFromRule)

/** A new, empty rule at the end of the list: the administrator picks its field first. */
export function emptyRow(): RuleRow {
  return { uid: nextUid++, grade: 'A', field: '', op: '', value: '', reason: '' }
}

/** The row with another field: its operator follows the field, its value starts empty. */
export function withField(row: RuleRow, key: string, fields: readonly RuleField[]): RuleRow {
  if (key === row.field) return row
  const field = fields.find((f) => f.key === key)
  return { ...row, field: key, op: field?.op ?? '', value: '' }
}

/** The list with the row at `index` moved by `delta` places (unchanged at either end). */
export function moveRow<T>(rows: readonly T[], index: number, delta: number): T[] {
  const to = index + delta
  const out = [...rows]
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return out
  const [row] = out.splice(index, 1)
  out.splice(to, 0, row)
  return out
}

/** Why the page does not send a row: locale keys under customerRules.issues. */
export type RowIssue = 'required' | 'invalid_integer' | 'invalid_amount' | 'too_many_decimals' | 'too_large'
export type RowIssues = Partial<Record<RuleMember, RowIssue>>

function valueOf(row: RuleRow): { ok: true; value: string | number } | { ok: false; issue: RowIssue } {
  const text = row.value.trim()
  if (text === '') return { ok: false, issue: 'required' }
  if (row.op !== 'gte') return { ok: true, value: text }
  if (isMoneyField(row.field)) {
    const parsed = parseYuan(text)
    if (!parsed.ok) return { ok: false, issue: parsed.code }
    return parsed.fen === null ? { ok: false, issue: 'required' } : { ok: true, value: parsed.fen }
  }
  if (!/^-?\d+$/.test(text)) return { ok: false, issue: 'invalid_integer' }
  const n = Number(text)
  return Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false, issue: 'too_large' }
}

/**
 * The rules to send (the whole list, in order), or what is missing or wrong in which row
 * (one entry per row, empty for a good one). An empty list is for the caller to refuse.
 */
export function rulesFromRows(rows: readonly RuleRow[]): { ok: true; rules: GradeRule[] } | { ok: false; issues: RowIssues[] } {
  const rules: GradeRule[] = []
  const issues: RowIssues[] = []
  let bad = false
  for (const row of rows) {
    const issue: RowIssues = {}
    if (!row.grade) issue.grade = 'required'
    if (!row.field) issue.field = 'required'
    const value = valueOf(row)
    if (!value.ok && row.field) issue.value = value.issue
    const reason = row.reason.trim()
    if (!reason) issue.reason = 'required'
    issues.push(issue)
    if (Object.keys(issue).length) bad = true
    else if (value.ok) rules.push({ grade: row.grade, field: row.field, op: row.op, value: value.value, reason })
  }
  return bad ? { ok: false, issues } : { ok: true, rules }
}

/** Text that differs exactly when the rows would send different rules (for "unsaved changes"). */
export function rowsSignature(rows: readonly RuleRow[]): string {
  return JSON.stringify(rows.map((r) => [r.grade, r.field, r.op, r.value.trim(), r.reason.trim()]))
}

/** Where an error path of the PATCH points: `grade_rules[2].reason` → row 2, reason. */
export function ruleErrorAt(path: string): { index: number; member: string | null } | null {
  const m = /^grade_rules\[(\d+)\](?:\.([a-z_]+))?$/.exec(path)
  return m ? { index: Number(m[1]), member: m[2] ?? null } : null
}

export interface SplitErrors {
  /** The message for the code rule input. */
  codeRule?: string
  /** The message for the grade rules as a whole (`grade_rules`: empty, not a list, …). */
  list?: string
  /** Per row, per member (`row` for the row as a whole). */
  rows: Record<number, Record<string, string>>
}

/** Messages keyed by the server's error paths (ApiError.fieldErrors), sorted to their places. */
export function splitRuleErrors(errors: Record<string, string>): SplitErrors {
  const out: SplitErrors = { rows: {} }
  for (const [path, message] of Object.entries(errors)) {
    if (path === 'code_rule') {
      out.codeRule ??= message
      continue
    }
    const at = ruleErrorAt(path)
    if (at) {
      const row = (out.rows[at.index] ??= {})
      row[at.member ?? 'row'] ??= message
    } else if (path === 'grade_rules' || path.startsWith('grade_rules')) {
      out.list ??= message
    }
  }
  return out
}
