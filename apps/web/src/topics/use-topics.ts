import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { listTopics } from './api';

/** Every topic (active and retired), shared by every page that lists or picks topics; they change rarely. */
export const useTopics = () => useQuery({ queryKey: queryKeys.topics.list(), queryFn: ({ signal }) => listTopics(signal), staleTime: 10 * 60_000 });
