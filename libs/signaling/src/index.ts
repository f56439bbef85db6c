export * from './room/room-state';
export * from './room/decide-join';
export * from './room/room-reducer';
export * from './call/call-engine';
