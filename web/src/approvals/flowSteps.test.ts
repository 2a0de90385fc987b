import { describe, expect, it } from 'vitest'
import {
  emptyStep, rowFromStep, rowsFromSteps, rowsSignature, splitStepErrors, stepErrorAt, stepsFromRows, withApprover, type StepRow,
} from './flowSteps'

const row = (over: Partial<StepRow>): StepRow => ({ ...emptyStep(), name: '审批', ...over })

describe('rows from the API', () => {
  it('keeps the steps and gives each row its own key', () => {
    const rows = rowsFromSteps([
      { name: '直属上级审批', approver: 'manager', days: 2 },
      { name: '部门负责人', approver: 'role', role_key: 'department_head', user_id: null, days: 0 },
    ])
    expect(rows.map(({ uid: _uid, ...r }) => r)).toEqual([
      { name: '直属上级审批', approver: 'manager', role_key: '', user_id: null, days: 2 },
      { name: '部门负责人', approver: 'role', role_key: 'department_head', user_id: null, days: 0 },
    ])
    expect(rows[0].uid).not.toBe(rows[1].uid)
  })
  it('starts a new step as the manager\'s, two working days', () => {
    const r = emptyStep()
    expect([r.name, r.approver, r.days]).toEqual(['', 'manager', 2])
  })
})

describe('stepsFromRows', () => {
  it('sends role_key only for a role step and user_id only for a user step', () => {
    const rows = [
      row({ name: ' 直属上级审批 ', approver: 'manager', role_key: 'segment_head', user_id: 3, days: 2 }),
      row({ name: '部门负责人', approver: 'role', role_key: 'department_head', user_id: 3, days: 0 }),
      row({ name: '财务', approver: 'user', role_key: 'x', user_id: 7, days: 60 }),
    ]
    expect(stepsFromRows(rows)).toEqual({
      ok: true,
      steps: [
        { name: '直属上级审批', approver: 'manager', days: 2 },
        { name: '部门负责人', approver: 'role', role_key: 'department_head', days: 0 },
        { name: '财务', approver: 'user', user_id: 7, days: 60 },
      ],
    })
  })
  it('names what is missing or wrong, row by row', () => {
    const result = stepsFromRows([
      row({ name: '' }),
      row({ approver: 'role', role_key: '' }),
      row({ approver: 'user', user_id: null }),
      row({ name: '长'.repeat(31), days: 61 }),
      row({ days: null }),
      row({ approver: 'robot' }),
      row({}),
    ])
    expect(result).toEqual({
      ok: false,
      issues: [
        { name: 'required' },
        { role_key: 'required' },
        { user_id: 'required' },
        { name: 'too_long', days: 'out_of_range' },
        { days: 'required' },
        { approver: 'unknown_value' },
        {},
      ],
    })
  })
  it('changes the approver kind without losing the other kinds\' choices', () => {
    const r = row({ approver: 'role', role_key: 'department_head' })
    const asUser = withApprover(r, 'user')
    expect(asUser.approver).toBe('user')
    expect(withApprover(asUser, 'role').role_key).toBe('department_head')
  })
})

describe('rowsSignature', () => {
  it('ignores what is not sent', () => {
    const a = rowFromStep({ name: '甲', approver: 'manager', days: 2 })
    const b = { ...a, role_key: 'department_head', user_id: 4, name: ' 甲 ' }
    expect(rowsSignature([a])).toBe(rowsSignature([b]))
    expect(rowsSignature([a])).not.toBe(rowsSignature([{ ...a, days: 3 }]))
    expect(rowsSignature([a])).not.toBe(rowsSignature([{ ...a, approver: 'role' }]))
  })
})

describe('the server\'s field errors', () => {
  it('reads the paths', () => {
    expect(stepErrorAt('steps[1].role_key')).toEqual({ index: 1, member: 'role_key' })
    expect(stepErrorAt('steps[0]')).toEqual({ index: 0, member: null })
    expect(stepErrorAt('steps')).toBeNull()
    expect(stepErrorAt('steps[x].name')).toBeNull()
  })
  it('puts each message on its row and member, the rest on the list', () => {
    expect(
      splitStepErrors({
        'steps[1].role_key': '无效的取值',
        'steps[1].days': '超出范围',
        'steps[0].name': '必填',
        'steps[2]': '步骤无效',
        'steps[3].colour': '未知',
        steps: '1～10 个',
      }),
    ).toEqual({
      list: '1～10 个',
      rows: {
        0: { name: '必填' },
        1: { role_key: '无效的取值', days: '超出范围' },
        2: { row: '步骤无效' },
        3: { row: '未知' },
      },
    })
  })
})
