// Pure helpers of the account security page (账号安全) and the second login step: no DOM,
// no i18n, unit-tested in security.test.ts.
import type { ApiToken } from '../api/account'

/**
 * "Chrome 124 · Windows" from a User-Agent header: the browser (with its major version) and
 * the system, enough to tell one's own devices apart. Unknown parts are left out; an empty
 * header gives ''. Anything unrecognised is cut to its first 40 characters.
 */
export function shortenUserAgent(ua: string | null | undefined): string {
  const text = (ua ?? '').trim()
  if (!text) return ''
  const browser = browserOf(text)
  const os = systemOf(text)
  if (!browser && !os) return text.length > 40 ? `${text.slice(0, 39)}…` : text
  return [browser, os].filter(Boolean).join(' · ')
}

function major(ua: string, pattern: RegExp): string | null {
  const m = ua.match(pattern)
  return m ? m[1] : null
}

function browserOf(ua: string): string {
  // Order matters: most browsers also name Chrome and Safari.
  const checks: Array<[string, RegExp]> = [
    ['WeChat', /MicroMessenger\/(\d+)/],
    ['DingTalk', /DingTalk\/(\d+)/],
    ['Edge', /Edg(?:e|A|iOS)?\/(\d+)/],
    ['Opera', /(?:OPR|Opera)\/(\d+)/],
    ['QQ Browser', /QQBrowser\/(\d+)/],
    ['UC Browser', /UCBrowser\/(\d+)/],
    ['Samsung Internet', /SamsungBrowser\/(\d+)/],
    ['Firefox', /(?:Firefox|FxiOS)\/(\d+)/],
    ['Chrome', /HeadlessChrome\/(\d+)/],
    ['Chrome', /(?:Chrome|CriOS)\/(\d+)/],
    ['Chromium', /Chromium\/(\d+)/],
  ]
  for (const [name, pattern] of checks) {
    const v = major(ua, pattern)
    if (v) return `${name} ${v}`
  }
  if (/Safari\//.test(ua)) {
    const v = major(ua, /Version\/(\d+)/)
    return v ? `Safari ${v}` : 'Safari'
  }
  const tool = ua.match(/^(curl|Wget|python-requests|node|undici|Go-http-client|okhttp|PostmanRuntime)\/(\d+)/i)
  if (tool) return `${tool[1]} ${tool[2]}`
  return ''
}

function systemOf(ua: string): string {
  if (/HarmonyOS|OpenHarmony/.test(ua)) return 'HarmonyOS'
  if (/iPhone|iPad|iPod/.test(ua)) return /iPad/.test(ua) ? 'iPadOS' : 'iOS'
  if (/Android/.test(ua)) return 'Android'
  if (/Windows/.test(ua)) return 'Windows'
  if (/Mac OS X|Macintosh/.test(ua)) return 'macOS'
  if (/CrOS/.test(ua)) return 'ChromeOS'
  if (/Linux|X11/.test(ua)) return 'Linux'
  return ''
}

/** Full-width digits and letters (as a Chinese input method types them) to ASCII. */
function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

/** What a 6-digit code field keeps of the input: the digits, at most six. */
export function normaliseTotpCode(input: string): string {
  return toHalfWidth(input).replace(/\D/g, '').slice(0, 6)
}

export const isCompleteTotpCode = (code: string): boolean => /^\d{6}$/.test(code)

/**
 * A recovery code as the server issues it ("ABCDE-FGHJK"): upper case, the separator put
 * back when ten letters and digits were typed without it; spaces and other separators go.
 */
export function normaliseRecoveryCode(input: string): string {
  const plain = toHalfWidth(input).toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 10)
  return plain.length > 5 ? `${plain.slice(0, 5)}-${plain.slice(5)}` : plain
}

export const isCompleteRecoveryCode = (code: string): boolean => /^[A-Z0-9]{5}-[A-Z0-9]{5}$/.test(code)

export type TokenState = 'active' | 'expired' | 'revoked'

/** Revoked wins over expired: it was ended on purpose. */
export function tokenState(token: Pick<ApiToken, 'revoked_at' | 'expires_at'>, now: number = Date.now()): TokenState {
  if (token.revoked_at !== null && token.revoked_at !== undefined) return 'revoked'
  if (token.expires_at <= now) return 'expired'
  return 'active'
}

/** The order of GET /api/v1/permissions (docs/openapi.yaml PermissionKey). */
export const PERMISSION_ORDER: readonly string[] = [
  'customer.read',
  'customer.create',
  'customer.update',
  'customer.delete',
  'customer.export',
  'customer.import',
  'customer.sensitive.read',
  'customer.assign',
  'customer.verify',
  'customer.access_log.read',
  'customer.note.write',
  'dictionary.manage',
  'org.manage',
  'user.manage',
  'role.manage',
  'audit.read',
  'settings.manage',
]

/** Permission keys in catalogue order, unknown ones last (alphabetically). */
export function sortPermissions(keys: readonly string[]): string[] {
  const rank = (k: string) => {
    const i = PERMISSION_ORDER.indexOf(k)
    return i < 0 ? PERMISSION_ORDER.length : i
  }
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

/** The permissions a user holds (the keys of `permissions`), in catalogue order. */
export function heldPermissions(permissions: Record<string, unknown> | null | undefined): string[] {
  return sortPermissions(Object.keys(permissions ?? {}))
}

/** "JBSW Y3DP EHPK 3PXP": a Base32 secret in groups of four, easier to type from the screen. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')
}

/** The text file offered for download with the recovery codes (CRLF: readable in Notepad). */
export function recoveryCodesText(codes: readonly string[], heading: readonly string[]): string {
  return [...heading, '', ...codes.map((c, i) => `${String(i + 1).padStart(2, ' ')}. ${c}`), ''].join('\r\n')
}
