/** Every fault a simulator can be told, by device: for `sim:fault`, KIOSK_SIM_FAULTS and the panel. */
export const SIM_FAULTS = {
  idCardReader: ['offline', 'online', 'cardPulled', 'checksumError', 'timeout'],
  receiptPrinter: ['paperFull', 'paperLow', 'paperOut', 'jammed', 'jamNextJob', 'offline', 'online'],
  paymentTerminal: ['offline', 'online', 'timeoutNext'],
  permitPrinter: ['ribbonLow', 'ribbonOut', 'offline', 'online', 'jamNextJob'],
  documentReader: ['offline', 'online', 'timeoutNext', 'garbledNext'],
  documentPrinter: ['paperOut', 'paperFull', 'offline', 'online', 'jamNextJob'],
  // The intercom to the station: its line down (a call going on fails) or back.
  intercom: ['offline', 'online'],
  camera: ['denied', 'noDevice', 'online'],
  // The queue's disk: the next commit fails as a full or failing disk would.
  storage: ['failNextWrite'],
  // The police platform's lookups and one-time codes (the fictional data set).
  platform: ['offline', 'online', 'unavailableNext', 'notFoundNext'],
} as const;

export type SimDevice = keyof typeof SIM_FAULTS;
export type SimFault<D extends SimDevice = SimDevice> = (typeof SIM_FAULTS)[D][number];
