export { CallEngine, type CallEngineEvents, type CallEngineOptions, type SignalingSocket } from './call-engine';
export { CallError, VISIT_GONE_REASONS } from './call-error';
export { qualityLevel, worstQuality, type CallQuality } from './call-quality';
export { FINAL_CALL_STATES, type CallState, type PeerConnectionStatus } from './call-state';
export { AUDIO_LEVEL_STEP, type RemotePeer } from './remote-peer';
