// Real PostgreSQL and a whole app per file: allow for a busy 2-core CI machine.
jest.setTimeout(60_000);
