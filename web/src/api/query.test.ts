import { describe, expect, it } from 'vitest'
import { withQuery } from './query'

describe('withQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(withQuery('/api/v1/users', { q: '张 三', unit_id: undefined, status: '', cursor: null, limit: 20 }))
      .toBe('/api/v1/users?q=%E5%BC%A0+%E4%B8%89&limit=20')
  })
  it('keeps zero and false', () => {
    expect(withQuery('/x', { since: 0, flag: false })).toBe('/x?since=0&flag=false')
  })
  it('returns the bare path without parameters', () => {
    expect(withQuery('/x', {})).toBe('/x')
  })
})
