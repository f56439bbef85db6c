export { CallEngine, type CallEngineEvents, type CallEngineOptions, type SignalingSocket, type StatsReplay } from './call-engine';
export { type VideoLevel } from './adaptive-video';
export { CallError, VISIT_GONE_REASONS } from './call-error';
export { PreparedConnection, type PreparedConnectionOptions } from './prepared-connection';
export { qualityLevel, worstQuality, type CallQuality } from './call-quality';
export { FINAL_CALL_STATES, type CallState, type PeerConnectionStatus } from './call-state';
export { AUDIO_LEVEL_STEP, type RemotePeer } from './remote-peer';
export { formatVerificationCode } from './verification-code';
export { PlainSignalingSocket, type PlainConnectError, type PlainSignalingSocketOptions } from './plain-signaling-socket';
