import { describe, expect, it } from 'vitest'
import {
  approvalsListPath, charCount, commentIssue, currentStep, decisionProblem, historyTagType, isOverdue, pageQuery, parseBox, parseId, parseStatus,
  payloadEntries, requestContent, requestFormErrors, requestFormIssues, statusTagType, stepStatus, stepTagType,
} from './approvals'
import type { ApprovalStep } from '../api/approvals'

const step = (state: string, name = '直属上级审批'): ApprovalStep => ({
  name, approver: 'manager', role_key: null, user_id: null, approver_name: '李经理', days: 2, state, due_on: null,
})

describe('tags and steps', () => {
  it('colours the statuses (unknown ones grey)', () => {
    expect(statusTagType('pending')).toBe('warning')
    expect(statusTagType('approved')).toBe('success')
    expect(statusTagType('rejected')).toBe('danger')
    expect(statusTagType('withdrawn')).toBe('info')
    expect(statusTagType('escalated')).toBe('info')
  })
  it('maps step states to ElSteps statuses and tag colours', () => {
    expect(['approved', 'pending', 'rejected', 'waiting', 'withdrawn', 'other'].map(stepStatus)).toEqual([
      'success', 'process', 'error', 'wait', 'wait', 'wait',
    ])
    expect(['approved', 'pending', 'rejected', 'waiting'].map(stepTagType)).toEqual(['success', 'warning', 'danger', 'info'])
  })
  it('colours the history entries', () => {
    expect(['submitted', 'resubmitted', 'approved', 'rejected', 'withdrawn', 'x'].map(historyTagType)).toEqual([
      'primary', 'primary', 'success', 'danger', 'info', 'info',
    ])
  })
  it('finds the current step only while pending', () => {
    const steps = [step('approved', 'A'), step('pending', 'B')]
    expect(currentStep({ status: 'pending', current_step: 1, steps })?.name).toBe('B')
    expect(currentStep({ status: 'approved', current_step: null, steps })).toBeNull()
    expect(currentStep({ status: 'pending', current_step: 5, steps })).toBeNull()
  })
  it('marks overdue only a pending request', () => {
    expect(isOverdue({ overdue: true, status: 'pending' })).toBe(true)
    expect(isOverdue({ overdue: true, status: 'approved' })).toBe(false)
    expect(isOverdue({ overdue: false, status: 'pending' })).toBe(false)
  })
})

describe('payload', () => {
  it('reads the content of a general request', () => {
    expect(requestContent({ payload: { content: '申请特价' } })).toBe('申请特价')
    expect(requestContent({ payload: { customer_id: 4 } })).toBeNull()
  })
  it('lists the other members as text', () => {
    expect(payloadEntries({ content: 'x', customer_id: 4, note: '急', fields: { a: 1 } })).toEqual([
      ['customer_id', '4'], ['note', '急'], ['fields', '{"a":1}'],
    ])
    expect(payloadEntries(undefined)).toEqual([])
  })
})

describe('the address', () => {
  it('reads the inbox, status and request', () => {
    expect(parseBox(undefined)).toBe('assigned')
    expect(parseBox('decided')).toBe('decided')
    expect(parseBox(['requested'])).toBe('requested')
    expect(parseBox('everything')).toBe('assigned')
    expect(parseStatus('rejected')).toBe('rejected')
    expect(parseStatus('nope')).toBe('')
    expect(parseId('12')).toBe(12)
    expect(parseId('012')).toBeNull()
    expect(parseId('1e3')).toBeNull()
    expect(parseId(undefined)).toBeNull()
  })
  it('writes only what differs from the defaults, no status on 待我审批', () => {
    expect(pageQuery('assigned', '', null)).toEqual({})
    expect(pageQuery('assigned', 'approved', 7)).toEqual({ id: '7' })
    expect(pageQuery('requested', 'rejected', null)).toEqual({ box: 'requested', status: 'rejected' })
  })
  it('asks the server for exactly one inbox', () => {
    expect(approvalsListPath({ box: 'assigned', limit: 20 })).toBe('/api/v1/approvals?assigned_to=me&limit=20')
    expect(approvalsListPath({ box: 'requested', status: 'rejected', cursor: 'abc' })).toBe(
      '/api/v1/approvals?requested_by=me&status=rejected&cursor=abc',
    )
    expect(approvalsListPath({ box: 'decided', status: '' })).toBe('/api/v1/approvals?decided_by=me')
  })
})

describe('checks before sending', () => {
  it('needs a title and content within their lengths', () => {
    expect(requestFormIssues({ title: ' ', content: '' })).toEqual({ title: 'required', content: 'required' })
    expect(requestFormIssues({ title: '申请特价', content: '内容' })).toEqual({})
    expect(requestFormIssues({ title: '字'.repeat(101), content: '字'.repeat(2001) })).toEqual({ title: 'too_long', content: 'too_long' })
    // Counted in characters: 100 emoji are 200 UTF-16 units.
    expect(requestFormIssues({ title: '😀'.repeat(100), content: 'x' })).toEqual({})
    expect(charCount('😀a')).toBe(2)
  })
  it('needs a comment to reject, not to approve', () => {
    expect(commentIssue('  ', true)).toBe('required')
    expect(commentIssue('', false)).toBeUndefined()
    expect(commentIssue('x'.repeat(501), false)).toBe('too_long')
    expect(commentIssue('价格太低', true)).toBeUndefined()
  })
  it('sorts the server\'s field errors to the form items', () => {
    expect(requestFormErrors({ title: '必填', 'payload.content': '太长' })).toEqual({ title: '必填', content: '太长' })
    expect(requestFormErrors({ type: '不能直接发起' })).toEqual({ other: '不能直接发起' })
  })
})

describe('decisionProblem', () => {
  it('reads the request again when it moved meanwhile', () => {
    expect(decisionProblem(409, 'version_conflict', false)).toBe('reload')
    expect(decisionProblem(409, 'approval_not_pending', false)).toBe('reload')
  })
  it('closes a request no longer visible', () => {
    expect(decisionProblem(404, 'not_found', false)).toBe('gone')
  })
  it('puts validation errors under the fields', () => {
    expect(decisionProblem(422, 'validation_failed', true)).toBe('fields')
    expect(decisionProblem(422, 'validation_failed', false)).toBe('message')
  })
  it('shows the message of anything else', () => {
    expect(decisionProblem(403, 'self_approval', false)).toBe('message')
    expect(decisionProblem(403, 'forbidden', false)).toBe('message')
    expect(decisionProblem(422, 'approver_missing', false)).toBe('message')
  })
})
