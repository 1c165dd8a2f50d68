export * from './document';
export * from './file-format';
export * from './search-text';
export * from './content-disposition';
export * from './qa';
