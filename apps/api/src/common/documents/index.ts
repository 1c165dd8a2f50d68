export * from './nd30-pdf';
