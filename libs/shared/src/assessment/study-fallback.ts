/**
 * Every weak topic leads somewhere: a topic whose wrongly answered questions link no lesson is sent to the published
 * courses of that topic, and (when no document is linked either) to the topic's library documents. A topic with none
 * of its own borrows from the nearest topic above it that has some (a skill under "Cải cách hành chính" gets that
 * programme's courses and documents). Pure rules; the API reads the candidates, the result page shows them.
 */
import type { RecommendationDto, StudyLinkDto } from './test-round';

/** A course or document of the weak topic (depth 0), of its sub-topics (also 0), or of an ancestor (1 = parent…). */
export interface StudyCandidate {
  weakTopicId: string;
  kind: 'course' | 'document';
  depth: number;
  id: string;
  title: string;
}

export const STUDY_FALLBACK_LIMIT = 3;

/** The nearest level's candidates of one kind, at most `limit`, in the order given (the repository sorts by title). */
export function nearestStudyLinks(candidates: StudyCandidate[], weakTopicId: string, kind: StudyCandidate['kind'], limit = STUDY_FALLBACK_LIMIT): StudyLinkDto[] {
  const mine = candidates.filter((c) => c.weakTopicId === weakTopicId && c.kind === kind);
  if (!mine.length) return [];
  const nearest = Math.min(...mine.map((c) => c.depth));
  const seen = new Set<string>();
  const out: StudyLinkDto[] = [];
  for (const c of mine) {
    if (c.depth !== nearest || seen.has(c.id)) continue;
    seen.add(c.id);
    out.push({ id: c.id, title: c.title });
    if (out.length === limit) break;
  }
  return out;
}

/** Topics whose recommendation needs the fallback (no lesson linked). */
export function topicsNeedingFallback(recs: Pick<RecommendationDto, 'topicId' | 'lessons'>[]): string[] {
  return recs.filter((r) => r.lessons.length === 0).map((r) => r.topicId);
}

/** Fills `courses` (and empty `documents`) of recommendations with no linked lesson; others are left as they are. */
export function withStudyFallback(recs: RecommendationDto[], candidates: StudyCandidate[]): RecommendationDto[] {
  return recs.map((r) => {
    if (r.lessons.length > 0) return r;
    return {
      ...r,
      courses: nearestStudyLinks(candidates, r.topicId, 'course'),
      documents: r.documents.length ? r.documents : nearestStudyLinks(candidates, r.topicId, 'document'),
    };
  });
}
