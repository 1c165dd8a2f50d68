// The public surface of people: other domains import it from '@api/people', never a file inside.
export * from './import/people-import.service';
export * from './import/spreadsheet';
export * from './people.module';
export * from './person.entity';
export * from './people.repository';
