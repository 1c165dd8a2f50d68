import type { RecommendationDto } from './test-round';
import { nearestStudyLinks, StudyCandidate, topicsNeedingFallback, withStudyFallback } from './study-fallback';

const rec = (topicId: string, lessons: string[] = [], documents: string[] = []): RecommendationDto => ({
  topicId,
  topicName: topicId,
  score: 2,
  lessons: lessons.map((id) => ({ id, title: id })),
  documents: documents.map((id) => ({ id, title: id })),
  courses: [],
  retestAvailable: false,
});
const c = (weakTopicId: string, kind: StudyCandidate['kind'], depth: number, id: string): StudyCandidate => ({ weakTopicId, kind, depth, id, title: `T-${id}` });

describe('study fallback for weak topics without a linked lesson', () => {
  it('takes the nearest level only, without duplicates, at most three', () => {
    const cands = [c('T', 'course', 1, 'parent1'), c('T', 'course', 0, 'own1'), c('T', 'course', 0, 'own1'), c('T', 'course', 0, 'own2'), c('T', 'course', 0, 'own3'), c('T', 'course', 0, 'own4')];
    expect(nearestStudyLinks(cands, 'T', 'course').map((l) => l.id)).toEqual(['own1', 'own2', 'own3']);
    expect(nearestStudyLinks([c('T', 'course', 2, 'g'), c('T', 'course', 1, 'p')], 'T', 'course').map((l) => l.id)).toEqual(['p']);
    expect(nearestStudyLinks(cands, 'OTHER', 'course')).toEqual([]);
    expect(nearestStudyLinks(cands, 'T', 'document')).toEqual([]);
  });

  it('leaves a topic with a linked lesson alone and fills the others', () => {
    const cands = [c('A', 'course', 0, 'ca'), c('A', 'document', 0, 'da'), c('B', 'course', 0, 'cb'), c('B', 'document', 1, 'db'), c('C', 'course', 0, 'cc')];
    const out = withStudyFallback([rec('A', ['L1']), rec('B'), rec('C', [], ['D9'])], cands);
    expect(out[0]).toEqual(rec('A', ['L1']));
    expect(out[1].courses.map((x) => x.id)).toEqual(['cb']);
    expect(out[1].documents.map((x) => x.id)).toEqual(['db']);
    // A linked document stays; courses are still offered because no lesson is linked.
    expect(out[2].documents.map((x) => x.id)).toEqual(['D9']);
    expect(out[2].courses.map((x) => x.id)).toEqual(['cc']);
    expect(topicsNeedingFallback([rec('A', ['L1']), rec('B'), rec('C', [], ['D9'])])).toEqual(['B', 'C']);
  });
});
