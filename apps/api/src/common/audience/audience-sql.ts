import { AUDIENCE_STATUSES } from '@cchc/shared';

/**
 * The one audience rule (libs/shared `inAudience`) as SQL. The person side names a person table alias (with `id`,
 * `status`, `category`, `does_cchc_work`, `is_leader`) and its unit path; the audience side gives an SQL expression
 * for each field of the rule, so a course assignment (columns) and a test round (a jsonb document) share it.
 */
export interface AudienceExpressions {
  /** text: the audience's unit path, or NULL for no limit by unit. */
  unitPath: string;
  /** text[]: categories, empty for all. */
  categories: string;
  /** boolean or NULL. */
  doesCchcWork: string;
  /** boolean or NULL. */
  isLeader: string;
  /** uuid[]: chosen people, empty for all. */
  personIds: string;
}

const STATUSES = `(${AUDIENCE_STATUSES.map((s) => `'${s}'`).join(',')})`;

export function audienceSql(person: { alias: string; unitPath: string }, a: AudienceExpressions): string {
  const p = person.alias;
  return `(${p}.status IN ${STATUSES}
    AND (${a.unitPath} IS NULL OR ${person.unitPath} LIKE ${a.unitPath} || '%')
    AND (cardinality(${a.categories}) = 0 OR ${p}.category = ANY(${a.categories}))
    AND (${a.doesCchcWork} IS NULL OR ${p}.does_cchc_work = ${a.doesCchcWork})
    AND (${a.isLeader} IS NULL OR ${p}.is_leader = ${a.isLeader})
    AND (cardinality(${a.personIds}) = 0 OR ${p}.id = ANY(${a.personIds})))`;
}

/** A round row `r`'s audience document for `roundAudience`: its audience and its province. */
export const roundAudienceDocument = (r: string) => `(${r}.audience || jsonb_build_object('provinceId', ${r}.province_id))`;

/** A course assignment's audience, from its row `a` and its unit `au`. */
export function assignmentAudience(a = 'a', au = 'au'): AudienceExpressions {
  return { unitPath: `${au}.path`, categories: `${a}.categories`, doesCchcWork: `${a}.does_cchc_work`, isLeader: `${a}.is_leader`, personIds: `${a}.person_ids` };
}

/**
 * A test round's audience, from its jsonb document (`RoundAudience`: unitId, categories, doesCchcWork, isLeader, plus
 * the round's `provinceId`): without a unit, a province's round reaches its whole province and a national one everyone.
 */
export function roundAudience(json: string): AudienceExpressions {
  return {
    unitPath: `(SELECT path FROM org_unit WHERE id = coalesce((${json}->>'unitId')::uuid, (${json}->>'provinceId')::uuid))`,
    categories: `ARRAY(SELECT jsonb_array_elements_text(coalesce(${json}->'categories', '[]')))`,
    doesCchcWork: `(${json}->>'doesCchcWork')::boolean`,
    isLeader: `(${json}->>'isLeader')::boolean`,
    personIds: `'{}'::uuid[]`,
  };
}
