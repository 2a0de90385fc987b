import { describe, expect, it } from 'vitest'
import { characterClasses, checkPassword, generatePassword } from './passwordPolicy'

describe('checkPassword', () => {
  it('accepts 10+ characters from three classes', () => {
    expect(checkPassword('Sales-2025x', 'sales1').ok).toBe(true)
    expect(checkPassword('春江花月-Night-2025', 'x').ok).toBe(true)
  })
  it('refuses short passwords', () => {
    const c = checkPassword('Ab1-xyz', 'u')
    expect(c.longEnough).toBe(false)
    expect(c.ok).toBe(false)
  })
  it('needs three classes', () => {
    expect(checkPassword('abcdefghij12', 'u').enoughClasses).toBe(false)
    expect(characterClasses('aB3-')).toBe(4)
    expect(characterClasses('中文abc')).toBe(2)
  })
  it('refuses the user name in any case', () => {
    expect(checkPassword('Zhang.San2025', 'zhang.san2025').notUsername).toBe(false)
  })
})

describe('generatePassword', () => {
  it('always meets the policy', () => {
    for (let i = 0; i < 50; i++) expect(checkPassword(generatePassword(), 'admin').ok).toBe(true)
  })
})
