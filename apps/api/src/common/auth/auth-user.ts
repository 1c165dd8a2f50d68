import { Role } from '@cchc/shared';

/** Who is calling, as read from a verified access token. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  personId: string | null;
  /** The account's token version when the token was issued; older than the account's current one = ended. */
  tokenVersion: number;
  /** Signed in with an issued password: only changing it, "me" and sign-out are allowed until it is changed. */
  mustChangePassword: boolean;
}

export interface AccessTokenPayload {
  sub: string;
  usr: string;
  name: string;
  role: Role;
  unit: string | null;
  person: string | null;
  ver: number;
  /** Present (true) only while the account must change its issued password. */
  mcp?: true;
}
