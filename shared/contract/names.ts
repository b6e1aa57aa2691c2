/**
 * The contract's names without its schemas: small enough for the sandboxed preload, which
 * must not carry zod. `commands` and `events` in index.ts are checked against these lists.
 */
export const COMMAND_NAMES = [
  'app:info',
  'flow:get',
  'flow:send',
  'device:status',
  'photo:check',
  'face:verify',
  'camera:report',
  'settings:get',
  'help:request',
  'help:call',
  'help:hangUp',
  'door:status',
  'door:signIn',
  'door:setUp',
  'staff:session',
  'staff:signOut',
  'staff:sync',
  'staff:devices',
  'staff:deviceCounters',
  'staff:cameraTest',
  'staff:cardTest',
  'staff:supplies',
  'staff:refill',
  'staff:queue',
  'staff:submission',
  'staff:decide',
  'staff:money',
  'staff:refund',
  'staff:retrySubmission',
  'staff:reprint',
  'staff:cancelReprint',
  'staff:testPrint',
  'staff:syncNow',
  'staff:auditVerify',
  'staff:diagnosticsTargets',
  'staff:diagnostics',
  'staff:report',
  'staff:printSummary',
  'staff:settings',
  'staff:saveSettings',
  'staff:listStaff',
  'staff:addStaff',
  'staff:help',
  'staff:closeHelp',
  'sim:residents',
  'sim:presentCard',
  'sim:removeCard',
  'sim:setPaper',
  'sim:status',
  'sim:scanCode',
  'sim:idle',
  'sim:documents',
  'sim:presentDocument',
  'sim:insertPermit',
  'sim:fault',
  'sim:pay',
  'sim:presentStaffCard',
  'sim:setSupply',
  'sim:intercom',
  'sim:headset',
  'speech:voices',
  'speech:synthesize',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const EVENT_NAMES = ['flow:snapshot', 'device:status', 'staff:event', 'settings:changed', 'help:call'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** True when the name is a command of the contract. */
export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/** True when the name is a pushed event of the contract. */
export function isEventName(name: string): name is EventName {
  return (EVENT_NAMES as readonly string[]).includes(name);
}

/** IPC channel names, shared by main and preload so they cannot drift apart. */
export const ipcChannel = {
  command: (name: CommandName) => `kiosk:${name}`,
  event: 'kiosk:event',
} as const;
