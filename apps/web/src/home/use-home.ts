import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { getHome } from './api';

export function useHome() {
  return useQuery({ queryKey: queryKeys.home.mine(), queryFn: ({ signal }) => getHome(signal) });
}
