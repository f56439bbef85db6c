// The doctor's parts of the call screen (CallScreen's `doctorCallCode`): the lobby's prompt and the
// dialogs to end the visit and to take a guest out. Fetched on the doctor's page only, while the
// device check shows (VisitRoom): a patient's or a guest's page never has them.
export { EndVisitDialog } from '@/components/visit/EndVisitDialog';
export { LobbyPrompt } from '@/components/visit/LobbyPrompt';
export { RemoveParticipantDialog } from '@/components/visit/RemoveParticipantDialog';
