import { topicsInTreeOrder } from './topic-order';

const t = (id: string, name: string, parentId: string | null, sortOrder = 0) => ({ id, name, parentId, sortOrder });

describe('topicsInTreeOrder', () => {
  it('programmes then their children, by sort order and then in Vietnamese dictionary order', () => {
    const topics = [
      t('x', 'Xây dựng chính quyền số', 'cchc', 6),
      t('cchc', 'Cải cách hành chính', null, 3),
      t('asean', 'Cộng đồng ASEAN', null, 1),
      t('d', 'Đề án 1439', null, 2),
      t('the-che', 'Cải cách thể chế', 'cchc', 1),
      t('b', 'Bồi dưỡng kỹ năng', 'cchc', 6),
    ];
    expect(topicsInTreeOrder(topics).map(({ topic, depth }) => `${depth}:${topic.id}`)).toEqual(['0:asean', '0:d', '0:cchc', '1:the-che', '1:b', '1:x']);
  });
  it('Đ sorts after D among equals, not after every other letter', () => {
    const topics = [t('1', 'Xã hội', null), t('2', 'Đề án', null), t('3', 'Dân vận', null), t('4', 'Em', null)];
    expect(topicsInTreeOrder(topics).map((x) => x.topic.name)).toEqual(['Dân vận', 'Đề án', 'Em', 'Xã hội']);
  });
  it('a topic whose parent is missing stays, at the top level', () => {
    expect(topicsInTreeOrder([t('c', 'Con', 'gone')])).toEqual([{ topic: t('c', 'Con', 'gone'), depth: 0 }]);
  });
});
