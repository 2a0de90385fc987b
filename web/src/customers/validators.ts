// Live checks of identity numbers and contact data (CUS-2, COL-7), the same rules as the
// server's src/core/identity.cpp so the form refuses what the server would refuse and
// accepts what it would accept. Pure functions (unit-tested in validators.test.ts).
//
// Each check gives a verdict and the normalized value. A checksum failure is told apart
// from a format failure: some real early codes fail their checksum, so a user holding
// customer.verify may save them with a reason (identity_override), while a malformed
// value is always refused.

export type Verdict = 'valid' | 'invalid_format' | 'invalid_checksum' | 'invalid_date' | 'invalid_region'

export interface Checked {
  verdict: Verdict
  normalized: string
}

/** The server's error codes for the fields checked here. */
export type CustomerErrorCode = 'invalid_id_number' | 'invalid_uscc' | 'invalid_org_code' | 'invalid_phone' | 'invalid_email'

// Province-level codes of GB/T 2260, plus 71 台湾, 81 香港, 82 澳门 and 83 (residence permits).
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
  43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83])

/** Full-width ASCII (U+FF01…U+FF5E, common with Chinese input methods) to ASCII, letters upper case. */
export function foldAscii(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[a-z]/g, (c) => c.toUpperCase())
}

/** Folded, without spaces, tabs and hyphens. */
export function normalizeCode(input: string): string {
  return foldAscii(input).replace(/[ \t-]/g, '')
}

const allDigits = (s: string) => /^[0-9]+$/.test(s)
const result = (verdict: Verdict, normalized: string): Checked => ({ verdict, normalized })

/** Today as yyyymmdd in China (the bound of birth dates). */
export function todayYmd(now: Date = new Date()): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((x) => [x.type, x.value]),
  )
  return Number(`${p.year}${p.month}${p.day}`)
}

function validDate(ymd: number, today: number): boolean {
  const year = Math.floor(ymd / 10000), month = Math.floor(ymd / 100) % 100, day = ymd % 100
  if (year < 1850 || month < 1 || month > 12 || day < 1 || ymd > today) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  return day <= days[month - 1]
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits (GB 11643). */
export function residentIdCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]
  return '10X98765432'[sum % 11]
}

/** 居民身份证 (GB 11643-1999); a 15-digit first-generation number is upgraded to 18 digits. */
export function checkResidentId(input: string, today: number = todayYmd()): Checked {
  let id = normalizeCode(input)
  if (id.length === 15 && allDigits(id)) {
    id = id.slice(0, 6) + '19' + id.slice(6)
    id += residentIdCheckChar(id)
  }
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return result('invalid_format', id)
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return result('invalid_region', id)
  if (!validDate(Number(id.slice(6, 14)), today)) return result('invalid_date', id)
  if (residentIdCheckChar(id) !== id[17]) return result('invalid_checksum', id)
  return result('valid', id)
}

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** 统一社会信用代码 (GB 32100-2015): 18 characters, positions 3–8 a region, MOD 31 check. */
export function checkUscc(input: string): Checked {
  const code = normalizeCode(input)
  if (code.length !== 18 || [...code].some((c) => !USCC_CHARSET.includes(c))) return result('invalid_format', code)
  if (!allDigits(code.slice(2, 8))) return result('invalid_format', code)
  // Codes of central registration authorities use 100000 as the region.
  const province = Number(code.slice(2, 4))
  if (province !== 10 && !PROVINCES.has(province)) return result('invalid_region', code)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(code[i]) * USCC_WEIGHTS[i]
  if (USCC_CHARSET[(31 - (sum % 31)) % 31] !== code[17]) return result('invalid_checksum', code)
  return result('valid', code)
}

/** 组织机构代码 (GB 11714-1997): 8 digits or capital letters, optional hyphen, MOD 11 check (10 → X, 11 → 0). */
export function checkOrgCode(input: string): Checked {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2]
  const code = normalizeCode(input)
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code)) return result('invalid_format', code)
  let sum = 0
  for (let i = 0; i < 8; i++) sum += parseInt(code[i], 36) * weights[i]
  const check = 11 - (sum % 11)
  const expected = check === 10 ? 'X' : check === 11 ? '0' : String(check)
  if (expected !== code[8]) return result('invalid_checksum', code)
  return result('valid', code)
}

const byPattern = (pattern: RegExp) => (input: string): Checked => {
  const code = normalizeCode(input)
  return result(pattern.test(code) ? 'valid' : 'invalid_format', code)
}

/** Passports: letters and digits, 5 to 17 characters. */
export const checkPassport = byPattern(/^[A-Z0-9]{5,17}$/)
/** 港澳居民来往内地通行证: H or M + 8 digits (+ 2 digits of issue count). */
export const checkHkMacaoPermit = byPattern(/^[HM][0-9]{8}([0-9]{2})?$/)
/** 台湾居民来往大陆通行证: 8 digits (since 2015) or the older 10. */
export const checkTaiwanPermit = byPattern(/^([0-9]{8}|[0-9]{10})$/)

/** 外国人永久居留身份证: 3 letters + 12 digits (2004), or 18 digits starting with 9 (2023). */
export function checkForeignPermanentId(input: string, today: number = todayYmd()): Checked {
  const code = normalizeCode(input)
  if (/^[A-Z]{3}[0-9]{12}$/.test(code)) return result('valid', code)
  if (code.length === 18 && code[0] === '9') {
    if (!allDigits(code.slice(0, 17))) return result('invalid_format', code)
    if (!validDate(Number(code.slice(6, 14)), today)) return result('invalid_date', code)
    if (residentIdCheckChar(code) !== code[17]) return result('invalid_checksum', code)
    return result('valid', code)
  }
  return result('invalid_format', code)
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length

/** Dispatches on the API's id_type. */
export function checkIdNumber(idType: string, input: string, today: number = todayYmd()): Checked {
  switch (idType) {
    case 'resident_id': return checkResidentId(input, today)
    case 'passport': return checkPassport(input)
    case 'hk_macao_permit': return checkHkMacaoPermit(input)
    case 'taiwan_permit': return checkTaiwanPermit(input)
    case 'foreign_permanent_id': return checkForeignPermanentId(input, today)
    case 'other': {
      const code = normalizeCode(input)
      return result(code === '' || utf8Length(code) > 40 ? 'invalid_format' : 'valid', code)
    }
    default: return result('invalid_format', normalizeCode(input))
  }
}

/**
 * Mainland mobile (1[3-9] + 9 digits, optional +86 / 0086), landline (0 + 2–3 digit area
 * code + 7–8 digits, optional extension after 转 / EXT / X / # or a third hyphen group) or
 * a 400/800 service number. Normalized: digits; landline as 010-12345678[-123].
 */
export function checkPhone(input: string): Checked {
  let text = foldAscii(input)
  let extension = ''
  for (const marker of ['转', 'EXT', 'X', '#']) {
    const at = text.indexOf(marker)
    if (at >= 0) {
      extension = text.slice(at + marker.length)
      text = text.slice(0, at)
      break
    }
  }
  const groups = text.replace(/[() ]/g, '').split('-').filter((g) => g !== '')
  if (!extension && groups.length === 3 && groups[0].startsWith('0')) extension = groups.pop()!
  let digits = groups.join('')
  if (digits.startsWith('+86')) digits = digits.slice(3)
  else if (digits.startsWith('0086')) digits = digits.slice(4)
  if (extension && (!allDigits(extension) || extension.length > 6)) return result('invalid_format', normalizeCode(input))
  if (!extension && (/^1[3-9][0-9]{9}$/.test(digits) || /^[48]00[0-9]{7}$/.test(digits))) return result('valid', digits)
  const m = /^(0(?:10|2[0-9]|[3-9][0-9]{2}))([1-9][0-9]{6,7})$/.exec(digits)
  if (m) return result('valid', `${m[1]}-${m[2]}${extension ? `-${extension}` : ''}`)
  return result('invalid_format', normalizeCode(input))
}

/** One @, a dotted domain, no spaces, at most 254 bytes. Normalized: trimmed, domain lower case. */
export function checkEmail(input: string): Checked {
  const email = input.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '')
  if (utf8Length(email) > 254 || !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email)) return result('invalid_format', email)
  const at = email.indexOf('@')
  return result('valid', email.slice(0, at + 1) + email.slice(at + 1).replace(/[A-Z]/g, (c) => c.toLowerCase()))
}

// ---- customer fields ----

export const IDENTITY_FIELDS = ['id_number', 'uscc', 'org_code'] as const
export type IdentityField = (typeof IDENTITY_FIELDS)[number]
export const PHONE_FIELDS = ['phone', 'mobile', 'fax'] as const

export type CheckedField = IdentityField | (typeof PHONE_FIELDS)[number] | 'email'

export interface FieldIssue {
  /** The server's code for this field. */
  code: CustomerErrorCode
  verdict: Exclude<Verdict, 'valid'>
  /** Well-formed but the check character is wrong: may be saved with an override. */
  checksumOnly: boolean
}

/** The checked fields of a customer form (empty values are not checked: the fields are optional). */
export interface CheckedValues {
  id_type?: string | null
  id_number?: string | null
  uscc?: string | null
  org_code?: string | null
  phone?: string | null
  mobile?: string | null
  fax?: string | null
  email?: string | null
}

/** The issue of one field, or null when it is empty or valid. */
export function checkField(field: CheckedField, values: CheckedValues, today: number = todayYmd()): FieldIssue | null {
  const value = (values[field] ?? '').trim()
  if (!value) return null
  let checked: Checked
  let code: CustomerErrorCode
  if (field === 'id_number') {
    checked = checkIdNumber(values.id_type || 'resident_id', value, today)
    code = 'invalid_id_number'
  } else if (field === 'uscc') {
    checked = checkUscc(value)
    code = 'invalid_uscc'
  } else if (field === 'org_code') {
    checked = checkOrgCode(value)
    code = 'invalid_org_code'
  } else if (field === 'email') {
    checked = checkEmail(value)
    code = 'invalid_email'
  } else {
    checked = checkPhone(value)
    code = 'invalid_phone'
  }
  if (checked.verdict === 'valid') return null
  return { code, verdict: checked.verdict, checksumOnly: checked.verdict === 'invalid_checksum' }
}

/** Issues of the given fields, keyed by field. */
export function checkFields(fields: readonly CheckedField[], values: CheckedValues, today: number = todayYmd()): Partial<Record<CheckedField, FieldIssue>> {
  const out: Partial<Record<CheckedField, FieldIssue>> = {}
  for (const f of fields) {
    const issue = checkField(f, values, today)
    if (issue) out[f] = issue
  }
  return out
}

/**
 * True when the identity fields fail only on their check character, so a user with
 * customer.verify may save them anyway with a reason. Other fields' issues do not count
 * here (they are shown and must be fixed on their own).
 */
export function identityOverridable(issues: Partial<Record<CheckedField, FieldIssue>>): boolean {
  const identity = IDENTITY_FIELDS.map((f) => issues[f]).filter((i): i is FieldIssue => !!i)
  return identity.length > 0 && identity.every((i) => i.checksumOnly)
}
