import type { accountsImportVi } from './accounts-import';

/** English texts, in their own module so the Vietnamese-first main bundle does not carry them. */
export const accountsImportEn: Record<keyof typeof accountsImportVi, string> = {
  'import.createAccounts': 'Create accounts for new people',
  'import.createAccountsHelp':
    'Every new person in the file (at work) gets an account: the username is the staff code in lower case, the one-time password is printed on the handout. If anyone cannot get an account, the import reports it and writes nothing.',
  'import.accountsToCreate': 'Accounts to create',
  'import.accountsCreated': '{n} accounts created for the new people. Download the handout now to give each person their slip.',
  'import.noAccountsCreated': 'No new person needed an account.',
  'search.unsearchable': 'The search has only punctuation or spaces, so it finds nothing. Type at least one letter or digit.',
  'lowScorers.title': 'To re-study — failed or low in a topic',
  'lowScorers.total': 'Total: {n} people',
  'lowScorers.sort.score': 'Lowest score first',
  'lowScorers.sort.scoreBest': 'Highest score first',
  'lowScorers.sort.fullName': 'Full name',
  'lowScorers.sort.unit': 'Unit',
  'lowScorers.sort.date': 'Date taken (latest first)',
  'results.allResults': 'All results',
};
