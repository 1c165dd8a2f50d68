import { randomUUID } from 'node:crypto';
import { relatedActivities, relatedAgents, VOIDED_VERB } from '@cchc/shared';
import type { StatementRow } from './xapi.repository';

type Json = Record<string, unknown>;

/**
 * A validated statement as the LRS keeps it: id (lower case; generated when absent), version 1.0.0 when absent; and
 * the indexed columns. The authority of the client that sent it (the LRS does not trust a claimed one), `stored`, and
 * `timestamp` when absent, are added by the insert (`xapi_store`: the authority is the same for the whole batch, so it
 * is sent once; stored is the transaction's time) — `related_agents` already counts the authority.
 */
export function toStatementRow(raw: Json, authority: Json): StatementRow {
  const { stored: _ignored, authority: _claimed, ...rest } = raw;
  const statement: Json = { ...rest, id: typeof raw.id === 'string' ? raw.id.toLowerCase() : randomUUID(), version: raw.version ?? '1.0.0' };
  const object = statement.object as Json;
  const objectType = object.objectType ?? 'Activity';
  const verbId = (statement.verb as Json).id as string;
  const context = statement.context as Json | undefined;
  const agents = relatedAgents({ ...statement, authority });
  return {
    id: statement.id as string,
    statement,
    verb_id: verbId,
    actor_ifis: agents.actor,
    object_activity_id: objectType === 'Activity' ? (object.id as string) : null,
    object_statement_id: objectType === 'StatementRef' ? String(object.id).toLowerCase() : null,
    registration: typeof context?.registration === 'string' ? context.registration.toLowerCase() : null,
    related_agents: agents.all,
    related_activities: relatedActivities(statement),
  };
}

export const isVoiding = (row: StatementRow) => row.verb_id === VOIDED_VERB;

/** `format=canonical`: each language map reduced to the one language the client prefers (Accept-Language). */
export function canonicalFormat(statement: Json, accepted: string[]): Json {
  const pick = (map: unknown): unknown => {
    if (!map || typeof map !== 'object' || Array.isArray(map)) return map;
    const entries = Object.entries(map as Record<string, string>);
    if (entries.length <= 1) return map;
    for (const lang of accepted) {
      const hit = entries.find(([tag]) => tag.toLowerCase() === lang || tag.toLowerCase().split('-')[0] === lang.split('-')[0]);
      if (hit) return { [hit[0]]: hit[1] };
    }
    return { [entries[0][0]]: entries[0][1] };
  };
  const walk = (node: unknown, key?: string): unknown => {
    if (Array.isArray(node)) return node.map((x) => walk(x));
    if (!node || typeof node !== 'object') return node;
    if (key === 'display' || key === 'name' || key === 'description') {
      // `name` is a string on Agents and a language map on activity definitions.
      if (typeof node === 'object') return pick(node);
    }
    if (key === 'extensions') return node;
    return Object.fromEntries(Object.entries(node as Json).map(([k, v]) => [k, walk(v, k)]));
  };
  return walk(statement) as Json;
}

/** Accept-Language as a list of lower-case tags, most preferred first. */
export function acceptedLanguages(header: unknown): string[] {
  if (typeof header !== 'string') return [];
  return header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((x) => /^\s*q=([\d.]+)/.exec(x)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((x) => x.tag && x.tag !== '*')
    .sort((a, b) => b.q - a.q)
    .map((x) => x.tag);
}
