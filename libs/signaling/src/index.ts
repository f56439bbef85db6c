export * from './room/room-state';
export * from './room/decide-join';
export * from './room/room-reducer';
export * from './room/room-stats';
export * from './call/call-engine';
