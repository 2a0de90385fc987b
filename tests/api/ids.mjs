// Valid Chinese identifiers for tests, computed with the published check
// algorithms (GB 11643, GB 32100, GB 11714) so every test run can make as
// many distinct, valid ones as it needs.

/** 18-digit resident ID: region + birth date + 3-digit sequence + MOD 11-2 check. */
export function residentId(seq, { region = '110105', birth = '19900101' } = {}) {
  const body = `${region}${birth}${String(seq % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Unified social credit code 91 + region + 9 characters + MOD 31 check. */
export function uscc(seq, { region = '440300' } = {}) {
  const body = `91${region}${String(seq).padStart(9, '0').slice(-9)}`;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...body].reduce((s, c, i) => s + USCC_CHARSET.indexOf(c) * weights[i], 0);
  return body + USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** Organization code: 8 digits + MOD 11 check (X for 10, 0 for 11). */
export function orgCode(seq) {
  const body = String(seq).padStart(8, '0').slice(-8);
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  const check = 11 - (sum % 11);
  return body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

/** The same identifier with a wrong last character (a checksum failure only). */
export function breakCheck(id) {
  const last = id.at(-1);
  return id.slice(0, -1) + (last === '1' ? '2' : '1');
}

let sequence = Date.now() % 1_000_000;
/** A fresh number for the generators above, unique within a test run. */
export const nextSeq = () => ++sequence;
