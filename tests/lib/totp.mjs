// RFC 6238 codes for the tests of the second factor (ADR 0013), computed with
// node:crypto the way an authenticator app does: HMAC-SHA-1, 6 digits, 30 s.
import { createHmac } from 'node:crypto';

/** Base32 (RFC 4648) text, as in the otpauth URI, to bytes. */
export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').replace(/\s+/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The 30-second step a moment falls in. */
export const stepNow = (ms = Date.now()) => Math.floor(ms / 30_000);

/** The code of `step` for a Base32 secret (RFC 4226 dynamic truncation). */
export function totpCode(secret, step = stepNow()) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(message).digest();
  const offset = mac[19] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
