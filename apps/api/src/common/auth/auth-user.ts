import { Role } from '@cchc/shared';

/** Who is calling, as read from a verified access token. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  personId: string | null;
}

export interface AccessTokenPayload {
  sub: string;
  usr: string;
  name: string;
  role: Role;
  unit: string | null;
  person: string | null;
}
