// The server's password policy (SEC-5), checked as the user types so the hints can tick
// off. The server stays the judge: it also refuses the last 5 passwords, which the
// browser cannot know.
export const MIN_PASSWORD_LENGTH = 10

export interface PolicyCheck {
  longEnough: boolean
  /** How many of upper case, lower case, digits, other characters occur. */
  classes: number
  enoughClasses: boolean
  notUsername: boolean
  ok: boolean
}

export function characterClasses(password: string): number {
  let upper = false
  let lower = false
  let digit = false
  let other = false
  for (const ch of password) {
    if (ch >= 'A' && ch <= 'Z') upper = true
    else if (ch >= 'a' && ch <= 'z') lower = true
    else if (ch >= '0' && ch <= '9') digit = true
    else other = true
  }
  return [upper, lower, digit, other].filter(Boolean).length
}

export function checkPassword(password: string, username: string): PolicyCheck {
  // Length in characters (code points), so 春江花月 counts as four.
  const longEnough = [...password].length >= MIN_PASSWORD_LENGTH
  const classes = characterClasses(password)
  const enoughClasses = classes >= 3
  const notUsername = password !== '' && password.toLowerCase() !== username.toLowerCase()
  return { longEnough, classes, enoughClasses, notUsername, ok: longEnough && enoughClasses && notUsername }
}

/** A random password that meets the policy (for administrators resetting one). */
export function generatePassword(length = 14): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '-_!@#%+=']
  const all = sets.join('')
  const random = (n: number) => {
    const buf = new Uint32Array(1)
    crypto.getRandomValues(buf)
    return buf[0] % n
  }
  // One of each class first, the rest from all of them, then shuffled.
  const chars = sets.map((s) => s[random(s.length)])
  while (chars.length < length) chars.push(all[random(all.length)])
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
}
