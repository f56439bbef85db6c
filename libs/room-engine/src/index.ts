export * from './room-state';
export * from './decide-join';
export * from './room-reducer';
export * from './room-stats';
