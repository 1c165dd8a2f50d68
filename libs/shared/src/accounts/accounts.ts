/**
 * Accounts for every person: the username rule and the shapes of the bulk-creation API.
 *
 * Username rule: the staff code in lower case, after an optional prefix (ACCOUNT_USERNAME_PREFIX). In the prefix,
 * "{province}" stands for the lower-case code of the person's province, so a deployment serving several provinces
 * (whose staff codes are only unique within a province) sets "{province}." and Khánh Hòa's "KH000123" signs in as
 * "kh.kh000123", Lai Châu's "LC00001" as "lc.lc00001"; a single-province deployment uses no prefix. Usernames stay
 * unique across the whole deployment (the database enforces it on lower(username)).
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,59}$/;

/** The username a person's account gets, or null when the staff code cannot make one (then the person is listed as a problem). */
export function usernameForStaffCode(staffCode: string | null | undefined, prefix = '', provinceCode = ''): string | null {
  const code = (staffCode ?? '').trim().toLowerCase();
  if (!code) return null;
  const name = `${usernamePrefixFor(prefix, provinceCode)}${code}`;
  return USERNAME_PATTERN.test(name) ? name : null;
}

/** The prefix with "{province}" replaced by the province's code (lower case, letters, digits, dot, dash, underscore). */
export function usernamePrefixFor(prefix: string, provinceCode = ''): string {
  const province = provinceCode.trim().toLowerCase().replace(/[^a-z0-9._-]/g, '');
  return prefix.trim().toLowerCase().replaceAll('{province}', province);
}

/** Letters and digits that cannot be confused when read off paper (no 0/O, 1/l/I). */
export const ONE_TIME_PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const ONE_TIME_PASSWORD_LENGTH = 10;

export type BulkAccountProblem = 'no_staff_code' | 'bad_staff_code' | 'username_taken' | 'username_clash';

export interface BulkAccountRowDto {
  personId: string;
  fullName: string;
  staffCode: string | null;
  unitName: string;
  position: string | null;
  username: string | null;
  problem: BulkAccountProblem | null;
  /** Vietnamese explanation of the problem, for the dry-run table. */
  message: string | null;
}

export interface BulkAccountsPlanDto {
  unitId: string;
  unitName: string;
  /** Active people of the subtree who have no account yet. */
  candidates: number;
  /** Accounts the commit would create (candidates without problems). */
  toCreate: number;
  /** People of the subtree who already have an account. */
  alreadyHaveAccount: number;
  problems: BulkAccountRowDto[];
  /** The first rows that would be created, to show in the preview. */
  sample: BulkAccountRowDto[];
}

export interface AccountHandoutDto {
  handoutId: string;
  /** Decrypts the handout's passwords; the server does not keep it. Sent back to download the .xlsx and the PDF, once each. */
  handoutKey: string;
  accounts: number;
  expiresAt: string;
}

export interface BulkAccountsResultDto extends AccountHandoutDto {
  created: number;
}

export type HandoutFormat = 'pdf' | 'xlsx';
