import { describe, expect, it } from 'vitest'
import {
  changedMembers, formOf, maskValue, patchFields, patternIssues, patternOf, samePattern, splitMaskErrors, usesKeepEnd,
} from './masking'

const p = (keep_start: number, keep_end: number, stars: number) => ({ keep_start, keep_end, stars })

describe('maskValue: the server\'s rule (src/customers/masking.cpp)', () => {
  it('gives the server\'s examples for its samples with the default patterns', () => {
    expect(maskValue('id_number', '11010519491231002X', p(6, 4, 0))).toBe('110105********002X')
    expect(maskValue('phone', '010-12345678', p(3, 4, 4))).toBe('010****5678')
    expect(maskValue('mobile', '13812341234', p(3, 4, 4))).toBe('138****1234')
    expect(maskValue('email', 'zhang.san@example.com', p(1, 0, 3))).toBe('z***@example.com')
    expect(maskValue('wechat', 'nana_oy', p(1, 0, 4))).toBe('n****')
    expect(maskValue('birthday', '1990-05-17', p(0, 6, 4))).toBe('****-05-17')
    expect(maskValue('account_number', '6222021001123456789', p(0, 4, 4))).toBe('****6789')
  })
  it('counts characters, not bytes or UTF-16 units', () => {
    expect(maskValue('address', '北京市朝阳区建国路88号', p(6, 0, 4))).toBe('北京市朝阳区****')
    expect(maskValue('address', '北京市朝阳区建国路88号', p(2, 3, 0))).toBe('北京*******88号')
    expect(maskValue('wechat', '𠀀𠀁𠀂𠀃𠀄', p(1, 1, 0))).toBe('𠀀***𠀄')
  })
  it('stars: the number set, else one per hidden character but at least 3', () => {
    expect(maskValue('mobile', '13812341234', p(0, 2, 6))).toBe('******34')
    expect(maskValue('mobile', '13812341234', p(3, 4, 0))).toBe('138****1234')
    expect(maskValue('mobile', '13812341234', p(3, 6, 0))).toBe('138***341234')
    expect(maskValue('mobile', '13812341234', p(0, 0, 20))).toBe('*'.repeat(20))
  })
  it('hides a value no longer than what is kept behind max(3, length) stars', () => {
    expect(maskValue('mobile', '1381234', p(3, 4, 4))).toBe('*******')
    expect(maskValue('mobile', '138', p(3, 4, 4))).toBe('***')
    expect(maskValue('wechat', 'ab', p(1, 0, 4))).toBe('a****')
    expect(maskValue('wechat', 'a', p(1, 0, 4))).toBe('***')
    expect(maskValue('wechat', 'a', p(0, 0, 0))).toBe('***')
    expect(maskValue('wechat', '', p(0, 0, 0))).toBe('***')
  })
  it('e-mail: masks the part before the first @ with keep_end 0 and keeps the domain', () => {
    expect(maskValue('email', 'zhang.san@example.com', p(2, 5, 0))).toBe('zh*******@example.com')
    expect(maskValue('email', 'zhang.san@example.com', p(1, 0, 3))).toBe(maskValue('email', 'zhang.san@example.com', p(1, 9, 3)))
    expect(maskValue('email', 'x@y.cn', p(1, 0, 3))).toBe('***@y.cn')
    expect(maskValue('email', 'a@b@c.cn', p(0, 0, 3))).toBe('***@b@c.cn')
    expect(maskValue('email', 'no-at-sign', p(1, 0, 3))).toBe('***')
    expect(maskValue('email', '@example.com', p(1, 0, 3))).toBe('***')
    expect(usesKeepEnd('email')).toBe(false)
    expect(usesKeepEnd('mobile')).toBe(true)
  })
  it('does not treat other fields as e-mail', () => {
    expect(maskValue('wechat', 'ab@cd', p(1, 0, 3))).toBe('a***')
  })
})

describe('the inputs of a field', () => {
  it('keep 0–20; stars 0 or 3–20; empty or fractional inputs are required', () => {
    expect(patternIssues({ keep_start: 0, keep_end: 20, stars: 0 })).toEqual({})
    expect(patternIssues({ keep_start: 0, keep_end: 0, stars: 3 })).toEqual({})
    expect(patternIssues({ keep_start: 0, keep_end: 0, stars: 20 })).toEqual({})
    expect(patternIssues({ keep_start: 21, keep_end: -1, stars: 2 })).toEqual({ keep_start: 'keep_range', keep_end: 'keep_range', stars: 'stars_range' })
    expect(patternIssues({ keep_start: null, keep_end: 1.5, stars: 21 })).toEqual({ keep_start: 'required', keep_end: 'required', stars: 'stars_range' })
    expect(patternIssues({ keep_start: 1, keep_end: 1, stars: 1 })).toEqual({ stars: 'stars_range' })
  })
  it('make a pattern only when every input can be saved', () => {
    expect(patternOf({ keep_start: 1, keep_end: 2, stars: 0 })).toEqual(p(1, 2, 0))
    expect(patternOf({ keep_start: 1, keep_end: 2, stars: 2 })).toBeNull()
    expect(patternOf({ keep_start: null, keep_end: 2, stars: 0 })).toBeNull()
    expect(formOf(p(1, 2, 3))).toEqual({ keep_start: 1, keep_end: 2, stars: 3 })
    expect(samePattern(p(1, 2, 3), p(1, 2, 3))).toBe(true)
    expect(samePattern(p(1, 2, 3), p(1, 2, 4))).toBe(false)
  })
})

describe('what a save sends', () => {
  it('only the fields changed, each with only the members changed', () => {
    const saved = { mobile: p(3, 4, 4), email: p(1, 0, 3), phone: p(3, 4, 4) }
    const forms = {
      mobile: { keep_start: 0, keep_end: 2, stars: 6 },
      email: { keep_start: 2, keep_end: 0, stars: 3 },
      phone: { keep_start: 3, keep_end: 4, stars: 4 },
    }
    expect(patchFields(forms, saved)).toEqual({ mobile: { keep_start: 0, keep_end: 2, stars: 6 }, email: { keep_start: 2 } })
    expect(patchFields({ phone: forms.phone }, saved)).toEqual({})
    expect(changedMembers({ keep_start: 3, keep_end: 4, stars: 0 }, p(3, 4, 4))).toEqual({ stars: 0 })
  })
})

describe('server errors', () => {
  it('go under the input they name; a whole field\'s under its first input', () => {
    expect(splitMaskErrors({ 'mobile.stars': '超出允许范围', 'email.keep_start': '必须是整数', phone: '必须是对象' })).toEqual({
      mobile: { stars: '超出允许范围' },
      email: { keep_start: '必须是整数' },
      phone: { keep_start: '必须是对象' },
    })
    expect(splitMaskErrors({ 'mobile.sample': 'x' })).toEqual({ mobile: { keep_start: 'x' } })
  })
})
