// What the visit page fetches while the device check shows (hooks/usePreparedCall.ts `callCode`):
// the call screen, and the prepared call it takes over. One module for both, so that what they
// share (the call engine, the signaling socket, the contracts) is fetched once, in one piece.
export { CallScreen, prefetchDoctorParts } from '@/components/visit/CallScreen';
export { joinPreparedCall, loadTransport, plainTransport, prepareCall } from '@/lib/prepared-call';
