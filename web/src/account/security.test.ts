import { describe, expect, it } from 'vitest'
import {
  groupSecret, heldPermissions, isCompleteRecoveryCode, isCompleteTotpCode, normaliseRecoveryCode, normaliseTotpCode,
  recoveryCodesText, shortenUserAgent, sortPermissions, tokenState,
} from './security'

describe('shortenUserAgent', () => {
  const cases: Array<[string, string]> = [
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'Chrome 124 · Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51', 'Edge 124 · Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15', 'Safari 17 · macOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 'Safari 17 · iOS'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 'Firefox 125 · Linux'],
    ['Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.47', 'WeChat 8 · Android'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36', 'Chrome 130 · Linux'],
    ['curl/8.5.0', 'curl 8'],
  ]
  for (const [ua, expected] of cases) {
    it(`names ${expected}`, () => expect(shortenUserAgent(ua)).toBe(expected))
  }
  it('gives nothing for an empty header', () => {
    expect(shortenUserAgent('')).toBe('')
    expect(shortenUserAgent(null)).toBe('')
  })
  it('cuts an unknown one to 40 characters', () => {
    const ua = 'SomeIntegration/1.0 (built for the ERP sync of the north region office)'
    const short = shortenUserAgent(ua)
    expect(short).toHaveLength(40)
    expect(short.endsWith('…')).toBe(true)
    expect(shortenUserAgent('ERP')).toBe('ERP')
  })
})

describe('normaliseTotpCode', () => {
  it('keeps six digits', () => {
    expect(normaliseTotpCode('123 456')).toBe('123456')
    expect(normaliseTotpCode('123-4567')).toBe('123456')
    expect(normaliseTotpCode('abc')).toBe('')
  })
  it('turns full-width digits into ASCII', () => {
    expect(normaliseTotpCode('１２３４５６')).toBe('123456')
  })
  it('knows a complete code', () => {
    expect(isCompleteTotpCode('123456')).toBe(true)
    expect(isCompleteTotpCode('12345')).toBe(false)
  })
})

describe('normaliseRecoveryCode', () => {
  it('upper-cases and puts the separator back', () => {
    expect(normaliseRecoveryCode('abcde fghjk')).toBe('ABCDE-FGHJK')
    expect(normaliseRecoveryCode('abcdefghjk')).toBe('ABCDE-FGHJK')
    expect(normaliseRecoveryCode(' ABCDE-FGHJK ')).toBe('ABCDE-FGHJK')
    expect(normaliseRecoveryCode('ＡＢＣＤＥ－ＦＧＨＪＫ')).toBe('ABCDE-FGHJK')
  })
  it('leaves a short one alone and cuts a long one', () => {
    expect(normaliseRecoveryCode('abc')).toBe('ABC')
    expect(normaliseRecoveryCode('abcdef')).toBe('ABCDE-F')
    expect(normaliseRecoveryCode('ABCDE-FGHJK-XYZ')).toBe('ABCDE-FGHJK')
  })
  it('knows a complete code', () => {
    expect(isCompleteRecoveryCode('ABCDE-FGHJK')).toBe(true)
    expect(isCompleteRecoveryCode('ABCDE-FGHJ')).toBe(false)
  })
})

describe('tokenState', () => {
  const now = 1_800_000_000_000
  it('is active before it expires', () => {
    expect(tokenState({ revoked_at: null, expires_at: now + 1 }, now)).toBe('active')
  })
  it('is expired from its end on', () => {
    expect(tokenState({ revoked_at: null, expires_at: now }, now)).toBe('expired')
  })
  it('is revoked when revoked, expired or not', () => {
    expect(tokenState({ revoked_at: now - 5, expires_at: now - 1 }, now)).toBe('revoked')
    expect(tokenState({ revoked_at: now - 5, expires_at: now + 1 }, now)).toBe('revoked')
  })
})

describe('sortPermissions', () => {
  it('sorts a token’s permissions like the catalogue', () => {
    expect(sortPermissions(['customer.update', 'customer.create', 'customer.read'])).toEqual(['customer.read', 'customer.create', 'customer.update'])
  })
})

describe('heldPermissions', () => {
  it('lists the keys in catalogue order, unknown ones last', () => {
    expect(heldPermissions({ 'user.manage': 'all', 'zzz.new': 'own', 'customer.read': 'own', 'org.manage': 'all' }))
      .toEqual(['customer.read', 'org.manage', 'user.manage', 'zzz.new'])
    expect(heldPermissions(null)).toEqual([])
  })
})

describe('groupSecret', () => {
  it('groups by four', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP')
    expect(groupSecret('JBSWY3DPEH')).toBe('JBSW Y3DP EH')
    expect(groupSecret('')).toBe('')
  })
})

describe('recoveryCodesText', () => {
  it('numbers the codes under the heading, CRLF line ends', () => {
    expect(recoveryCodesText(['AAAAA-BBBBB', 'CCCCC-DDDDD'], ['Guanxi', 'user: li'])).toBe(
      'Guanxi\r\nuser: li\r\n\r\n 1. AAAAA-BBBBB\r\n 2. CCCCC-DDDDD\r\n',
    )
  })
})
