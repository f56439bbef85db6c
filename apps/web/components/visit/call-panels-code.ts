// The call's panels that open on demand (CallControls' `callPanelsCode`): fetched when the pointer or
// the focus comes to the buttons that open them, not with the call.
export { DeviceSettings } from '@/components/visit/DeviceSettings';
export { ShortcutsHelp } from '@/components/visit/ShortcutsHelp';
