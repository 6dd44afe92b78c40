export * from './docs.js';
