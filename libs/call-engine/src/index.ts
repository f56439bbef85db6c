export * from './call-engine';
