import { describe, expect, it } from 'vitest'
import { maskedFieldReasonKey, maskState, REVEAL_MAX_WAIT_MS, REVEAL_RETRY_MS, revealReloadDelay } from './reveal'

const NOW = Date.UTC(2026, 10, 23, 6, 25, 0)

describe('maskState (SEC-3)', () => {
  it('tells apart who may reveal a masked record', () => {
    expect(maskState({ masked: true, revealable: true, revealed_until: null })).toBe('revealable')
    expect(maskState({ masked: true, revealable: false, revealed_until: null })).toBe('masked')
  })
  it('is revealed while the window runs', () => {
    expect(maskState({ masked: false, revealable: true, revealed_until: NOW + 600_000 })).toBe('revealed')
  })
  it('says nothing when nothing is masked and no window runs', () => {
    expect(maskState({ masked: false, revealable: false, revealed_until: null })).toBe('plain')
  })
})

describe('maskedFieldReasonKey', () => {
  it('asks a permitted user to reveal first, tells the others they may not see it', () => {
    expect(maskedFieldReasonKey({ revealable: true })).toBe('customers.form.maskedRevealable')
    expect(maskedFieldReasonKey({ revealable: false })).toBe('customers.form.maskedField')
  })
})

describe('revealReloadDelay', () => {
  it('is null unless a window runs', () => {
    expect(revealReloadDelay({ masked: true, revealed_until: null }, NOW)).toBeNull()
    expect(revealReloadDelay({ masked: false, revealed_until: null }, NOW)).toBeNull()
  })
  it('waits until just after the end of the window', () => {
    expect(revealReloadDelay({ masked: false, revealed_until: NOW + 600_000 }, NOW)).toBe(601_000)
    expect(revealReloadDelay({ masked: false, revealed_until: NOW + 1 }, NOW)).toBe(1_001)
  })
  it('retries later, not at once, when the server still shows it in full after the end (clocks differ)', () => {
    expect(revealReloadDelay({ masked: false, revealed_until: NOW }, NOW)).toBe(REVEAL_RETRY_MS)
    expect(revealReloadDelay({ masked: false, revealed_until: NOW - 60_000 }, NOW)).toBe(REVEAL_RETRY_MS)
  })
  it('never asks setTimeout for more than it can wait', () => {
    expect(revealReloadDelay({ masked: false, revealed_until: NOW + 90 * 24 * 3600 * 1000 }, NOW)).toBe(REVEAL_MAX_WAIT_MS)
  })
})
