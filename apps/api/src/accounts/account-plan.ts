import { BulkAccountProblem, BulkAccountRowDto, usernameForStaffCode } from '@cchc/shared';
import type { AccountCandidate } from './accounts.repository';

/** What the plan needs of a person: the staff code, the province (for "{province}" prefixes) and any account. */
type Plannable = Pick<AccountCandidate, 'personId' | 'fullName' | 'staffCode' | 'unitName' | 'position' | 'provinceCode' | 'username'>;

export interface AccountPlan<C extends Plannable = AccountCandidate> {
  /** People at work without an account. */
  candidates: C[];
  create: { candidate: C; username: string }[];
  problems: BulkAccountRowDto[];
  alreadyHaveAccount: number;
}

const MESSAGES: Record<BulkAccountProblem, (c: Plannable, username: string | null) => string> = {
  no_staff_code: () => 'Chưa có mã cán bộ: hãy bổ sung mã cán bộ trước khi tạo tài khoản.',
  bad_staff_code: (c) => `Mã cán bộ "${c.staffCode}" không dùng làm tên đăng nhập được (chỉ gồm chữ không dấu, số, dấu chấm, gạch; 3–60 ký tự).`,
  username_taken: (_, u) => `Tên đăng nhập "${u}" đã thuộc một tài khoản khác.`,
  username_clash: (_, u) => `Nhiều cán bộ có cùng tên đăng nhập "${u}" (mã cán bộ trùng khi viết thường).`,
};

/**
 * Decides, for the people of a subtree, who gets an account under which username and who cannot (with why). Pure:
 * `taken` is the set of usernames (lower case) already in use anywhere in the deployment.
 */
export function planAccounts<C extends Plannable>(people: C[], taken: Set<string>, prefix = ''): AccountPlan<C> {
  const candidates = people.filter((p) => !p.username);
  const named = candidates.map((c) => ({ candidate: c, username: usernameForStaffCode(c.staffCode, prefix, c.provinceCode ?? '') }));
  const counts = new Map<string, number>();
  for (const n of named) if (n.username) counts.set(n.username, (counts.get(n.username) ?? 0) + 1);
  const create: AccountPlan<C>['create'] = [];
  const problems: BulkAccountRowDto[] = [];
  for (const { candidate: c, username } of named) {
    const problem: BulkAccountProblem | null = !c.staffCode
      ? 'no_staff_code'
      : !username
        ? 'bad_staff_code'
        : taken.has(username)
          ? 'username_taken'
          : (counts.get(username) ?? 0) > 1
            ? 'username_clash'
            : null;
    if (problem) problems.push(toRow(c, username, problem));
    else create.push({ candidate: c, username: username! });
  }
  return { candidates, create, problems, alreadyHaveAccount: people.length - candidates.length };
}

export function toRow(c: Plannable, username: string | null, problem: BulkAccountProblem | null): BulkAccountRowDto {
  return {
    personId: c.personId,
    fullName: c.fullName,
    staffCode: c.staffCode,
    unitName: c.unitName,
    position: c.position,
    username,
    problem,
    message: problem ? MESSAGES[problem](c, username) : null,
  };
}
