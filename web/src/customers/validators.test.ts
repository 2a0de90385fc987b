// Vectors are those of the server's tests/unit/identity_test.cpp (the standards' worked
// examples) plus the ones of the UI brief, so client and server agree.
import { describe, expect, it } from 'vitest'
import {
  checkEmail, checkField, checkFields, checkForeignPermanentId, checkHkMacaoPermit, checkIdNumber, checkOrgCode,
  checkPassport, checkPhone, checkResidentId, checkTaiwanPermit, checkUscc, foldAscii, identityOverridable, todayYmd,
} from './validators'

const TODAY = 20261123

describe('resident ID (GB 11643)', () => {
  it('accepts the standard examples', () => {
    expect(checkResidentId('11010519491231002X', TODAY).verdict).toBe('valid')
    expect(checkResidentId('440524188001010014', TODAY).verdict).toBe('valid')
  })
  it('accepts lower-case x, spaces and full-width digits', () => {
    expect(checkResidentId('11010519491231002x', TODAY)).toEqual({ verdict: 'valid', normalized: '11010519491231002X' })
    expect(checkResidentId('１１０１０５ 19491231002x', TODAY)).toEqual({ verdict: 'valid', normalized: '11010519491231002X' })
    expect(checkResidentId('１１０１０５１９４９１２３１００２Ｘ', TODAY).verdict).toBe('valid')
  })
  it('tells a wrong check digit from format, date and region errors', () => {
    expect(checkResidentId('110105194912310021', TODAY).verdict).toBe('invalid_checksum')
    expect(checkResidentId('11010519491231002', TODAY).verdict).toBe('invalid_format')
    expect(checkResidentId('1101051949123100AX', TODAY).verdict).toBe('invalid_format')
    expect(checkResidentId('110105194902300028', TODAY).verdict).toBe('invalid_date') // 30 February
    expect(checkResidentId('110105203001010010', TODAY).verdict).toBe('invalid_date') // in the future
    expect(checkResidentId('990105194912310021', TODAY).verdict).toBe('invalid_region')
    expect(checkResidentId('100105194912310021', TODAY).verdict).toBe('invalid_region')
  })
  it('knows leap years', () => {
    expect(checkResidentId('110105200002290013', TODAY).verdict).toBe('valid')
    expect(checkResidentId('110105190002290017', TODAY).verdict).toBe('invalid_date')
  })
  it('upgrades first-generation 15-digit numbers', () => {
    expect(checkResidentId('110105491231002', TODAY)).toEqual({ verdict: 'valid', normalized: '11010519491231002X' })
  })
})

describe('USCC (GB 32100)', () => {
  it('accepts the standard example and real codes', () => {
    expect(checkUscc('91350100M000100Y43').verdict).toBe('valid')
    expect(checkUscc('914403001922038216').verdict).toBe('valid')
    expect(checkUscc(' 91350100m000100y43 ').normalized).toBe('91350100M000100Y43')
    // The brief listed this one as a wrong check character, but MOD 31 gives L: it is valid
    // (its embedded org code 60003734-1 is valid too).
    expect(checkUscc('91110000600037341L').verdict).toBe('valid')
  })
  it('refuses a wrong check character, forbidden letters, bad length and region', () => {
    expect(checkUscc('91110000600037341M').verdict).toBe('invalid_checksum')
    expect(checkUscc('91350100M000100Y44').verdict).toBe('invalid_checksum')
    expect(checkUscc('91350100M000100Y4').verdict).toBe('invalid_format')
    expect(checkUscc('91350100I000100Y43').verdict).toBe('invalid_format') // I is not in the charset
    expect(checkUscc('913501O0M000100Y43').verdict).toBe('invalid_format') // letter in the region
    expect(checkUscc('91990100M000100Y43').verdict).toBe('invalid_region')
  })
  it('normalizes full-width characters', () => {
    expect(checkUscc('９１３５０１００Ｍ０００１００Ｙ４３').verdict).toBe('valid')
  })
})

describe('org code (GB 11714)', () => {
  it('accepts the standard example with or without hyphen', () => {
    expect(checkOrgCode('D2143569-X').verdict).toBe('valid')
    expect(checkOrgCode('D2143569X').verdict).toBe('valid')
    expect(checkOrgCode('d2143569-x').verdict).toBe('valid')
    expect(checkOrgCode('19220382-1').verdict).toBe('valid')
  })
  it('maps a check value of 11 to 0', () => {
    expect(checkOrgCode('10000002-4').verdict).toBe('valid') // 3·1 + 2·2 = 7 → 11 - 7 = 4
    expect(checkOrgCode('00000000-0').verdict).toBe('valid') // sum 0 → 11 → 0
    expect(checkOrgCode('00000000-X').verdict).toBe('invalid_checksum')
  })
  it('refuses a wrong check and bad format', () => {
    expect(checkOrgCode('D2143569-1').verdict).toBe('invalid_checksum')
    expect(checkOrgCode('D2143569').verdict).toBe('invalid_format')
    expect(checkOrgCode('D214356*-X').verdict).toBe('invalid_format')
  })
})

describe('other documents', () => {
  it('follow their formats', () => {
    expect(checkPassport('E12345678').verdict).toBe('valid')
    expect(checkPassport('E12*45678').verdict).toBe('invalid_format')
    expect(checkHkMacaoPermit('H12345678').verdict).toBe('valid')
    expect(checkHkMacaoPermit('M1234567801').verdict).toBe('valid')
    expect(checkHkMacaoPermit('C12345678').verdict).toBe('invalid_format')
    expect(checkTaiwanPermit('12345678').verdict).toBe('valid')
    expect(checkTaiwanPermit('1234567').verdict).toBe('invalid_format')
    expect(checkForeignPermanentId('USA110078120001', TODAY).verdict).toBe('valid')
    expect(checkForeignPermanentId('91110519491231002X', TODAY).verdict).toBe('valid')
    expect(checkForeignPermanentId('911105194912310021', TODAY).verdict).toBe('invalid_checksum')
  })
  it('dispatches on the id type', () => {
    expect(checkIdNumber('resident_id', '11010519491231002X', TODAY).verdict).toBe('valid')
    expect(checkIdNumber('passport', 'E12345678', TODAY).verdict).toBe('valid')
    expect(checkIdNumber('resident_id', 'E12345678', TODAY).verdict).not.toBe('valid')
    expect(checkIdNumber('no_such_type', 'E12345678', TODAY).verdict).toBe('invalid_format')
    expect(checkIdNumber('other', 'ABC 123', TODAY).verdict).toBe('valid')
    expect(checkIdNumber('other', 'A'.repeat(41), TODAY).verdict).toBe('invalid_format')
  })
})

describe('phone', () => {
  it('accepts mobiles with country prefix and separators', () => {
    expect(checkPhone('13812341234').normalized).toBe('13812341234')
    expect(checkPhone('+86 138-1234-1234')).toEqual({ verdict: 'valid', normalized: '13812341234' })
    expect(checkPhone('0086 13812341234').normalized).toBe('13812341234')
    expect(checkPhone('１３８１２３４１２３４')).toEqual({ verdict: 'valid', normalized: '13812341234' })
    expect(checkPhone('12812341234').verdict).toBe('invalid_format')
    expect(checkPhone('1381234123').verdict).toBe('invalid_format')
  })
  it('normalizes landlines with extensions and service numbers', () => {
    expect(checkPhone('010-12345678').normalized).toBe('010-12345678')
    expect(checkPhone('(0591) 8765432').normalized).toBe('0591-8765432')
    expect(checkPhone('021 6234 5678').normalized).toBe('021-62345678')
    expect(checkPhone('010-12345678-123').normalized).toBe('010-12345678-123')
    expect(checkPhone('0591-8765432转8001').normalized).toBe('0591-8765432-8001')
    expect(checkPhone('010-12345678ext12').normalized).toBe('010-12345678-12')
    expect(checkPhone('010-12345678 ext 12').verdict).toBe('invalid_format') // as the server: no space in the extension
    expect(checkPhone('400-820-8820').normalized).toBe('4008208820')
    expect(checkPhone('12345678').verdict).toBe('invalid_format')
    expect(checkPhone('010-02345678').verdict).toBe('invalid_format')
    expect(checkPhone('010-12345678-1234567').verdict).toBe('invalid_format')
    expect(checkPhone('phone').verdict).toBe('invalid_format')
  })
})

describe('email', () => {
  it('is practical, not pedantic', () => {
    expect(checkEmail(' Li.Lei+crm@Example.COM.cn ')).toEqual({ verdict: 'valid', normalized: 'Li.Lei+crm@example.com.cn' })
    expect(checkEmail('张三@例子.中国').verdict).toBe('valid')
    for (const bad of ['li lei@example.com', 'lilei@example', 'lilei@@example.com', '@example.com']) {
      expect(checkEmail(bad).verdict).toBe('invalid_format')
    }
  })
})

describe('customer fields', () => {
  it('uses the server codes and skips empty values', () => {
    const values = { id_type: 'resident_id', id_number: '110105194912310021', uscc: '91350100I000100Y43', phone: 'x', email: '', mobile: null }
    expect(checkFields(['id_number', 'uscc', 'org_code', 'phone', 'mobile', 'email'], values, TODAY)).toEqual({
      id_number: { code: 'invalid_id_number', verdict: 'invalid_checksum', checksumOnly: true },
      uscc: { code: 'invalid_uscc', verdict: 'invalid_format', checksumOnly: false },
      phone: { code: 'invalid_phone', verdict: 'invalid_format', checksumOnly: false },
    })
    expect(checkField('email', { email: 'a@b' }, TODAY)?.code).toBe('invalid_email')
    expect(checkField('org_code', { org_code: 'D2143569-1' }, TODAY)?.code).toBe('invalid_org_code')
  })
  it('defaults the id type to the resident ID', () => {
    expect(checkField('id_number', { id_number: '11010519491231002x' }, TODAY)).toBeNull()
  })
  it('offers the override only when every identity failure is a checksum', () => {
    const checksum = checkFields(['id_number', 'email'], { id_number: '110105194912310021', email: 'bad' }, TODAY)
    expect(identityOverridable(checksum)).toBe(true)
    const mixed = checkFields(['uscc', 'org_code'], { uscc: '91350100M000100Y44', org_code: 'D2143569' }, TODAY)
    expect(identityOverridable(mixed)).toBe(false)
    expect(identityOverridable({})).toBe(false)
  })
})

describe('helpers', () => {
  it('folds full-width ASCII and upper-cases letters only', () => {
    expect(foldAscii('ａｂｃ１２３－x张')).toBe('ABC123-X张')
  })
  it('gives today in China', () => {
    expect(todayYmd(new Date(Date.UTC(2026, 10, 22, 16, 30)))).toBe(20261123) // 00:30 in Shanghai
  })
})
