/** An LRS client as the admin page lists it (the secret is never listed). */
export interface LrsClientDto {
  id: string;
  name: string;
  key: string;
  scopes: ('write' | 'read_own' | 'read_all')[];
  createdAt: string;
  revokedAt: string | null;
  createdByName: string | null;
}

/** Answer to creating a client: the only time the secret is shown. */
export interface CreatedLrsClientDto extends LrsClientDto {
  secret: string;
  /** The LRS endpoint to give the other system. */
  endpoint: string;
}
