import { Foundation1763800000000 } from './1763800000000-Foundation';

/** Every migration, in order. Listed as classes (not a glob) so a bundled or compiled API finds them. */
export const MIGRATIONS = [Foundation1763800000000];
