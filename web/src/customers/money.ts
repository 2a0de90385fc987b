// Money is int64 fen (分) on the wire and 元 with two decimals on screen. Parsing works on
// the digits as text (BigInt), never through floating point, so 0.1 + 0.2 problems cannot
// creep into stored amounts. Pure functions (money.test.ts).
import { foldAscii } from './validators'

/** "1,234,567.89" (grouped) or "1234567.89" from fen; '' for null. */
export function formatFen(fen: number | null | undefined, grouping = true): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return ''
  const negative = fen < 0
  const digits = String(Math.abs(Math.trunc(fen))).padStart(3, '0')
  let yuan = digits.slice(0, -2)
  if (grouping) yuan = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}${yuan}.${digits.slice(-2)}`
}

export type ParsedYuan = { ok: true; fen: number | null } | { ok: false; code: 'invalid_amount' | 'too_many_decimals' | 'too_large' }

/**
 * Fen from what a user typed as 元: "1234.5", "1,234.50", "¥1 234", full-width digits, and
 * "500万" (万元, common for registered capital). Empty text is null. Negative amounts are
 * refused (none of the customer amounts can be negative).
 */
export function parseYuan(text: string): ParsedYuan {
  let s = foldAscii(text).replace(/[\s,，¥￥]/g, '').replace(/元$/, '')
  if (s === '') return { ok: true, fen: null }
  let scale = 2 // decimals kept to reach fen
  let shift = 0n // extra power of ten
  if (s.endsWith('万')) {
    s = s.slice(0, -1)
    scale = 6
    shift = 4n
  }
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s) ?? /^()\.(\d+)$/.exec(s)
  if (!m) return { ok: false, code: 'invalid_amount' }
  const whole = m[1] || '0'
  const decimals = (m[2] ?? '').replace(/0+$/, '')
  if (decimals.length > scale) return { ok: false, code: 'too_many_decimals' }
  const fen = (BigInt(whole) * 10n ** (2n + shift)) + BigInt(decimals.padEnd(scale, '0') || '0')
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, code: 'too_large' }
  return { ok: true, fen: Number(fen) }
}
