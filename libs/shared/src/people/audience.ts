/**
 * Who a course assignment or a test round is for: the one audience rule. `inAudience` is the rule itself; the API
 * evaluates the same rule in SQL with `audienceSql` (apps/api/src/common/audience), and a test holds the two equal
 * on every combination of a person's facts.
 */
export interface Audience {
  /** The unit subtree the audience lies in (its path); null for no limit by unit. */
  unitPath: string | null;
  /** Person categories (can_bo, cong_chuc, ...); empty for every category. */
  categories: readonly string[];
  doesCchcWork: boolean | null;
  isLeader: boolean | null;
  /** Empty: everyone matching the rest; otherwise only these people (still inside the subtree). */
  personIds: readonly string[];
}

export interface AudienceMember {
  id: string;
  unitPath: string;
  category: string;
  doesCchcWork: boolean;
  isLeader: boolean;
  status: string;
}

/** People in service are in audiences: active, and on leave (they come back to the same learning). Retired and departed people never are. */
export const AUDIENCE_STATUSES: readonly string[] = ['active', 'on_leave'];

export function inAudience(audience: Audience, person: AudienceMember): boolean {
  if (!AUDIENCE_STATUSES.includes(person.status)) return false;
  if (audience.unitPath !== null && !person.unitPath.startsWith(audience.unitPath)) return false;
  if (audience.categories.length && !audience.categories.includes(person.category)) return false;
  if (audience.doesCchcWork !== null && person.doesCchcWork !== audience.doesCchcWork) return false;
  if (audience.isLeader !== null && person.isLeader !== audience.isLeader) return false;
  if (audience.personIds.length && !audience.personIds.includes(person.id)) return false;
  return true;
}
