export * from './error';
export * from './users';
export * from './auth';
export * from './appointments';
export * from './health';
export * from './join-window';
export * from './signaling';
export * from './sessions';
