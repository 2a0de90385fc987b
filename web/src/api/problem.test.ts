import { describe, expect, it } from 'vitest'
import { fieldMessages, toProblem } from './problem'

describe('toProblem', () => {
  it('reads a problem+json body', () => {
    const body = JSON.stringify({
      type: 'about:blank', title: 'Unauthorized', status: 401,
      detail: '用户名或密码错误', code: 'invalid_credentials',
    })
    const p = toProblem(401, 'application/problem+json', body, 'fallback')
    expect(p.detail).toBe('用户名或密码错误')
    expect(p.code).toBe('invalid_credentials')
    expect(p.status).toBe(401)
  })

  it('falls back when the body is not JSON', () => {
    const p = toProblem(502, 'text/html', '<html>Bad gateway</html>', 'HTTP 502')
    expect(p).toEqual({ status: 502, detail: 'HTTP 502' })
  })

  it('uses the title when there is no detail', () => {
    expect(toProblem(404, 'application/problem+json', '{"title":"Not Found"}', 'x').detail).toBe('Not Found')
  })

  it('maps field errors, first message per field', () => {
    const body = JSON.stringify({
      status: 422, code: 'validation_failed', detail: '输入有误',
      errors: [
        { field: 'username', code: 'required', message: '请输入用户名' },
        { field: 'username', code: 'too_long', message: '太长' },
        { field: 'password', code: 'required' },
        'garbage',
      ],
    })
    const p = toProblem(422, 'application/problem+json; charset=utf-8', body, 'x')
    expect(fieldMessages(p)).toEqual({ username: '请输入用户名', password: 'required' })
  })
})

describe('problem extensions', () => {
  it('keeps members beyond the standard ones', () => {
    const body = JSON.stringify({
      status: 409, code: 'duplicate_customer', detail: '客户已存在',
      existing: { id: 7, code: 'KH2026000007', name: '华为' },
    })
    const p = toProblem(409, 'application/problem+json', body, 'x')
    expect(p.extensions).toEqual({ existing: { id: 7, code: 'KH2026000007', name: '华为' } })
  })
  it('has none for a plain problem', () => {
    expect(toProblem(404, 'application/problem+json', '{"title":"Not Found","status":404}', 'x').extensions).toBeUndefined()
  })
})
