export * from './docs.js';
export * from './links.js';
export * from './markdown.js';
export * from './comments.js';
