export * from './diff';
export * from './describe';
export * from './restore';
export * from './api';
