import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commands, type CommandName, type CommandRequest, type Result } from '../../shared/contract';
import type { Host } from '../../electron/host/host';
import {
  call,
  countSubmissions,
  expectNoPersonalData,
  getView,
  removeTempDirs,
  screenOf,
  send,
  startTestHost,
  tempDir,
  finishSession,
  signInStaff,
  TEST_PHONE,
  waitForView,
  waitForScreen,
  ZHANG,
  type TestHost,
} from './helpers';

/** A valid request for every command: adding a command to the contract makes this fail to compile. */
const VALID: { [C in CommandName]: CommandRequest<C> } = {
  'app:info': {},
  'flow:get': {},
  'flow:send': { type: 'CONTINUE' },
  'device:status': {},
  'sim:residents': {},
  'sim:presentCard': { residentId: 'zhang' },
  'sim:removeCard': {},
  'sim:setPaper': { paper: 'low' },
  'sim:status': {},
  'sim:scanCode': { text: 'JN-K01A-7QXZ-3' },
  'photo:check': { jpegBase64: '/9j/4AAQSkZJRg==' },
  'face:verify': { frames: ['/9j/4AAQSkZJRg==', '/9j/4AAQSkZJRg=='] },
  'camera:report': { state: 'online' },
  'settings:get': {},
  'help:request': {},
  'help:call': {},
  'help:hangUp': {},
  'door:status': {},
  'door:signIn': { method: 'number', staffNumber: '100001', pin: '482916' },
  'door:setUp': { setupCode: '0000 0000 0000', staffNumber: '100001', pin: '482916' },
  'staff:session': {},
  'staff:signOut': {},
  'staff:sync': {},
  'staff:devices': {},
  'staff:deviceCounters': {},
  'staff:cardTest': {},
  'staff:cameraTest': { jpegBase64: '/9j/4AAQSkZJRg==' },
  'staff:supplies': {},
  'staff:refill': { supply: 'receiptPaper' },
  'staff:queue': { review: 'awaiting', limit: 5 },
  'staff:submission': { reference: 'JN-K01A-7QXZ-3' },
  'staff:decide': { reference: 'JN-K01A-7QXZ-3', decision: 'reject', reasonCode: 'photoUnusable', note: 'Photo too dark' },
  'staff:money': {},
  'staff:refund': { orderId: 'session-1-1' },
  'staff:retrySubmission': { reference: 'JN-K01A-7QXZ-3' },
  'staff:reprint': { reference: 'JN-K01A-7QXZ-3' },
  'staff:cancelReprint': {},
  'staff:testPrint': { device: 'receiptPrinter' },
  'staff:syncNow': {},
  'staff:auditVerify': {},
  'staff:diagnosticsTargets': {},
  'staff:diagnostics': {},
  'staff:report': {},
  'staff:printSummary': {},
  'staff:settings': {},
  'staff:saveSettings': {
    disabledServices: ['temporaryPlate'],
    serviceHours: { birthRegistration: { open: '09:00', close: '17:00' } },
    idleWarnSeconds: 90,
    idleResetSeconds: 30,
    languages: ['zh-CN', 'en'],
    stationName: '示例派出所自助服务站',
    stationPhone: '010-12345678',
  },
  'staff:listStaff': {},
  'staff:addStaff': { staffNumber: '200002', pin: '739154', roles: ['restocker'], cardUid: '04A1B2C3D4E5F6' },
  'staff:help': {},
  // The request help:request made above.
  'staff:closeHelp': { id: 1 },
  'sim:presentStaffCard': { uid: '04A1B2C3D4E5F6' },
  'sim:setSupply': { supply: 'a4Paper', level: 200 },
  'sim:fault': { device: 'receiptPrinter', fault: 'paperLow' },
  'sim:pay': { outcome: 'paid' },
  'sim:idle': { phase: 'warn' },
  'sim:documents': {},
  'sim:presentDocument': { documentId: 'zhang-hk' },
  'sim:insertPermit': {},
  'sim:intercom': { action: 'answer' },
  'sim:headset': { plugged: true },
  'speech:voices': {},
  'speech:synthesize': { text: '请选择业务。', lang: 'zh-CN', rate: 1 },
};

// Personal data of the fictional resident, smuggled into bad requests to prove it is never echoed.
const ID_NUMBER = ZHANG.idNumber;
const SECRETS = [ID_NUMBER, TEST_PHONE, ZHANG.name, ZHANG.address];

/** Requests with wrong field types, per command, carrying personal data where a value could be echoed. */
const WRONG_TYPES: { [C in CommandName]: unknown[] } = {
  'app:info': [ID_NUMBER, Number(TEST_PHONE), true],
  'flow:get': [ID_NUMBER, Number(TEST_PHONE), false],
  'flow:send': [
    { type: Number(TEST_PHONE) },
    { type: ID_NUMBER },
    { type: 'ANSWER', questionId: 'phone', value: { text: Number(TEST_PHONE) } },
    { type: 'ANSWER', questionId: 'phone', value: TEST_PHONE },
    { type: 'ANSWER', questionId: ZHANG.name, value: { text: TEST_PHONE } },
    { type: 'ANSWER', questionId: 'phone', value: { choice: ZHANG.address } },
    { type: 'ANSWER', questionId: 'phone', value: { text: TEST_PHONE, idNumber: ID_NUMBER } },
    { type: 'SELECT_SERVICE', serviceId: [ID_NUMBER] },
    { type: 'SET_LANG', lang: ID_NUMBER },
    { type: 'CHANGE' },
    // The old shape of a Change link: the item is now named `item`.
    { type: 'CHANGE', questionId: 'phone' },
    { type: 'CHANGE', item: ZHANG.name },
    { type: 'IDENTIFY_WITH', method: ID_NUMBER },
    { type: 'OTP_ID_NUMBER', idNumber: ID_NUMBER.repeat(2) },
    { type: 'OTP_ID_NUMBER', idNumber: Number(ID_NUMBER.slice(0, 15)) },
    { type: 'OTP_CODE', code: 123456 },
    { type: 'OTP_CODE', code: TEST_PHONE.repeat(2) },
    { type: 'RATE', level: 6 },
    { type: 'RATE', level: 4, reason: ZHANG.name },
    { type: 'RATE', level: 4, comment: ZHANG.address },
    { type: 'SKIP', level: 1 },
    { type: 'LOOKUP_SUBMIT', reference: ID_NUMBER.repeat(3) },
    { type: 'REPRINT', reference: ID_NUMBER },
  ],
  'device:status': [ID_NUMBER, Number(ID_NUMBER.slice(0, 15)), [ID_NUMBER]],
  'face:verify': [{ frames: ['/9j/4AAQ'] }, { frames: Array(9).fill('/9j/4AAQ') }, { frames: [ZHANG.name, ID_NUMBER] }, { frames: 'x' }, { jpegBase64: '/9j/4AAQ' }, ID_NUMBER],
  'photo:check': [{ jpegBase64: Number(TEST_PHONE) }, { jpegBase64: '' }, { jpegBase64: `${ZHANG.name}!!` }, { photo: ID_NUMBER }, ID_NUMBER],
  'settings:get': [ID_NUMBER, [TEST_PHONE], { all: true }],
  'help:request': [ID_NUMBER, [TEST_PHONE], { screen: ZHANG.name }, { phone: TEST_PHONE }],
  'help:call': [ID_NUMBER, [TEST_PHONE], { number: TEST_PHONE }, { requestId: 1 }],
  'help:hangUp': [ID_NUMBER, [TEST_PHONE], { requestId: 1 }],
  'door:status': [ID_NUMBER, [TEST_PHONE], { all: true }],
  'door:signIn': [
    { method: 'number', staffNumber: ID_NUMBER, pin: '482916' },
    { method: 'number', staffNumber: '100001', pin: TEST_PHONE.repeat(2) },
    { method: 'number', staffNumber: '100001', pin: 482916 },
    { method: 'card', pin: '12' },
    { method: 'card', pin: '482916', uid: ID_NUMBER },
    { method: 'face', pin: '482916' },
    { staffNumber: '100001', pin: '482916' },
  ],
  'door:setUp': [
    { setupCode: ZHANG.name, staffNumber: '100001', pin: '482916' },
    { setupCode: '0000 0000 0000', staffNumber: ID_NUMBER, pin: '482916' },
    { setupCode: '0000 0000 0000', staffNumber: '100001', pin: 'abcdef' },
    { setupCode: '0000 0000 0000', staffNumber: '100001' },
  ],
  'staff:session': [ID_NUMBER, [TEST_PHONE], { staffNumber: '100001' }],
  'staff:signOut': [ID_NUMBER, [TEST_PHONE], { everyone: true }],
  'staff:sync': [ID_NUMBER, [TEST_PHONE], { all: true }],
  'staff:devices': [ID_NUMBER, [TEST_PHONE], { all: true }],
  'staff:deviceCounters': [ID_NUMBER, [TEST_PHONE], { reset: true }],
  'staff:cardTest': [ID_NUMBER, [TEST_PHONE], { residentId: 'zhang' }],
  'staff:cameraTest': [{ jpegBase64: Number(TEST_PHONE) }, { jpegBase64: '' }, { jpegBase64: `${ZHANG.name}!!` }, { photo: ID_NUMBER }, ID_NUMBER],
  'staff:supplies': [ID_NUMBER, [TEST_PHONE], { supply: 'receiptPaper' }],
  'staff:refill': [{ supply: 'ink' }, { supply: ID_NUMBER }, {}, { supply: 'receiptPaper', amount: 10 }, ID_NUMBER],
  'staff:queue': [{ limit: 0 }, { limit: 51 }, { from: ID_NUMBER }, { state: 'lost' }, { serviceId: ZHANG.name }, { after: { createdAt: 'x', reference: 'JN' } }, { name: ZHANG.name }],
  'staff:submission': [{ reference: ID_NUMBER.repeat(2) }, { reference: '' }, {}, { reference: 1 }, ID_NUMBER],
  'staff:decide': [
    { reference: 'JN-K01A-7QXZ-3', decision: 'reject' },
    { reference: 'JN-K01A-7QXZ-3', decision: 'moreInfo', bring: [] },
    { reference: 'JN-K01A-7QXZ-3', decision: 'moreInfo', bring: [ID_NUMBER] },
    { reference: 'JN-K01A-7QXZ-3', decision: 'approve', note: ZHANG.address.repeat(50) },
    { reference: 'JN-K01A-7QXZ-3', decision: 'maybe' },
    { reference: ID_NUMBER.repeat(2), decision: 'approve' },
  ],
  'staff:money': [ID_NUMBER, [TEST_PHONE], { all: true }],
  'staff:refund': [{ orderId: '' }, { orderId: 1 }, {}, { orderId: 'x', amountFen: 100 }, ID_NUMBER],
  'staff:retrySubmission': [{ reference: '' }, { reference: ID_NUMBER.repeat(2) }, {}, ID_NUMBER],
  'staff:reprint': [{ reference: '' }, { reference: ID_NUMBER.repeat(2) }, {}, { reference: 'JN', copies: 2 }, ID_NUMBER],
  'staff:cancelReprint': [ID_NUMBER, [TEST_PHONE], { reference: ID_NUMBER }],
  'staff:testPrint': [{ device: 'documentPrinter' }, {}, { device: ID_NUMBER }, ID_NUMBER],
  'staff:syncNow': [ID_NUMBER, [TEST_PHONE], { force: true }],
  'staff:auditVerify': [ID_NUMBER, [TEST_PHONE], { deep: true }],
  'staff:diagnosticsTargets': [ID_NUMBER, [TEST_PHONE], { all: true }],
  'staff:diagnostics': [{ drive: '' }, { drive: 1 }, { drive: ID_NUMBER, name: ZHANG.name }, ID_NUMBER, [TEST_PHONE]],
  'staff:report': [ID_NUMBER, [TEST_PHONE], { days: 90 }],
  'staff:printSummary': [ID_NUMBER, [TEST_PHONE], { copies: 2 }],
  'staff:settings': [ID_NUMBER, [TEST_PHONE], { all: true }],
  'staff:saveSettings': [
    {},
    { disabledServices: [ZHANG.name], serviceHours: {}, idleWarnSeconds: 60, idleResetSeconds: 30, languages: ['zh-CN'], stationName: '', stationPhone: '' },
    { disabledServices: [], serviceHours: { birthRegistration: { open: '17:00', close: '09:00' } }, idleWarnSeconds: 60, idleResetSeconds: 30, languages: ['zh-CN'], stationName: '', stationPhone: '' },
    { disabledServices: [], serviceHours: {}, idleWarnSeconds: 5, idleResetSeconds: 30, languages: ['zh-CN'], stationName: '', stationPhone: '' },
    { disabledServices: [], serviceHours: {}, idleWarnSeconds: 60, idleResetSeconds: 30, languages: [], stationName: '', stationPhone: '' },
    { disabledServices: [], serviceHours: {}, idleWarnSeconds: 60, idleResetSeconds: 30, languages: ['fr'], stationName: '', stationPhone: '' },
    { disabledServices: [], serviceHours: {}, idleWarnSeconds: 60, idleResetSeconds: 30, languages: ['zh-CN'], stationName: ZHANG.address.repeat(5), stationPhone: '' },
    { disabledServices: [], serviceHours: {}, idleWarnSeconds: 60, idleResetSeconds: 30, languages: ['zh-CN'], stationName: '', stationPhone: TEST_PHONE + 'x' },
  ],
  'staff:listStaff': [ID_NUMBER, [TEST_PHONE], { page: 2 }],
  'staff:addStaff': [
    { staffNumber: ID_NUMBER, pin: '739154', roles: ['restocker'] },
    { staffNumber: '200002', pin: TEST_PHONE.repeat(2), roles: ['restocker'] },
    { staffNumber: '200002', pin: '739154', roles: [] },
    { staffNumber: '200002', pin: '739154', roles: ['root'] },
    { staffNumber: '200002', pin: '739154', roles: ['restocker'], cardUid: ZHANG.name },
    { staffNumber: '200002', pin: '739154', roles: ['restocker'], name: ZHANG.name },
  ],
  'staff:help': [ID_NUMBER, [TEST_PHONE], { all: true }],
  'staff:closeHelp': [{ id: 0 }, { id: -1 }, { id: 1.5 }, { id: '1' }, { id: ID_NUMBER }, {}, { id: 1, note: ZHANG.name }, ID_NUMBER],
  'sim:setSupply': [{ supply: 'a4Paper', level: -1 }, { supply: 'a4Paper', level: 1.5 }, { supply: ID_NUMBER, level: 1 }, { supply: 'a4Paper' }, ID_NUMBER],
  'sim:presentStaffCard': [{ uid: ID_NUMBER + 'Z' }, { uid: '' }, {}, { uid: 1234 }, ID_NUMBER],
  'camera:report': [{ state: 'broken' }, { state: ID_NUMBER }, {}, ID_NUMBER],
  'sim:fault': [{ device: 'toaster', fault: 'paperOut' }, { device: 'receiptPrinter' }, { device: 'receiptPrinter', fault: '' }, { device: ID_NUMBER, fault: TEST_PHONE }],
  'sim:pay': [{ outcome: 'stolen' }, {}, { outcome: ID_NUMBER }, TEST_PHONE],
  'sim:idle': [{ phase: 'now' }, {}, { phase: ID_NUMBER }, TEST_PHONE],
  'sim:scanCode': [{ text: Number(TEST_PHONE) }, { text: '' }, { text: ID_NUMBER.repeat(12) }, { code: ID_NUMBER }, ID_NUMBER],
  'sim:residents': [ID_NUMBER, 0, { residentId: 'zhang' }],
  'sim:presentCard': [
    { residentId: Number(TEST_PHONE) },
    { residentId: null },
    { residentId: '' },
    { residentId: ID_NUMBER.repeat(2) },
    {},
    ID_NUMBER,
  ],
  'sim:removeCard': [ID_NUMBER, 1, null],
  'sim:setPaper': [{ paper: TEST_PHONE }, { paper: 1 }, { paper: null }, {}, 'out'],
  'sim:status': [ID_NUMBER, 1, { cardPresent: 'zhang' }],
  'sim:documents': [ID_NUMBER, 0, { documentId: 'zhang-hk' }],
  'sim:presentDocument': [
    { documentId: Number(TEST_PHONE) },
    { documentId: null },
    { documentId: '' },
    { documentId: ID_NUMBER.repeat(2) },
    { mrz: ID_NUMBER },
    {},
    ID_NUMBER,
  ],
  'sim:insertPermit': [ID_NUMBER, 1, { permit: ID_NUMBER }],
  'sim:intercom': [{ action: 'dial' }, { action: ID_NUMBER }, {}, { action: 'answer', number: TEST_PHONE }, TEST_PHONE],
  'sim:headset': [{}, { plugged: 'yes' }, { plugged: ID_NUMBER }, { plugged: true, who: TEST_PHONE }],
  'speech:voices': [ID_NUMBER, { lang: 'zh-CN' }],
  'speech:synthesize': [{}, { text: '', lang: 'zh-CN', rate: 1 }, { text: ID_NUMBER, lang: 'xx', rate: 1 }, { text: ID_NUMBER, lang: 'en', rate: 3 }, { text: 'x'.repeat(2001), lang: 'en', rate: 1 }, { text: ID_NUMBER, lang: 'en', rate: 1, voice: 'cmn' }],
};

function badRequests(command: CommandName): [string, unknown][] {
  return [
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an array', []],
    ['an array of the valid request', [VALID[command]]],
    // The extra key is itself personal data: a message naming the key would leak it.
    ['an object with an extra key', { ...VALID[command], [ID_NUMBER]: TEST_PHONE }],
    ['an object with an extra key named extra', { ...VALID[command], extra: ZHANG.name }],
    ...WRONG_TYPES[command].map((request, i): [string, unknown] => [`wrong types #${i + 1}`, request]),
  ];
}

function expectInvalidRequest(result: Result<unknown>): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('accepted a bad request');
  expect(result.error.code).toBe('invalidRequest');
  expect(typeof result.error.message).toBe('string');
  expect(result.error.message.trim()).not.toBe('');
  return result.error.message;
}

let started: TestHost;
let host: Host;

beforeEach(async () => {
  started = await startTestHost(tempDir('kiosk-contract-'));
  host = started.host;
});

afterEach(async () => {
  await host.close();
  removeTempDirs();
});

/** A no-criminal-record application submitted and finished; back on the welcome screen with its reference. */
async function submitRecord(): Promise<string> {
  await toPhoneQuestion();
  await send(host, { type: 'ANSWER', questionId: 'phone', value: { text: TEST_PHONE } });
  await send(host, { type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
  await send(host, { type: 'SUBMIT' });
  const done = await waitForScreen(host, 'confirmation');
  await waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status === 'printed', 'the slip');
  await call(host, 'sim:removeCard', {});
  await finishSession(host);
  return screenOf(done, 'confirmation').reference;
}

/** Brings the flow to the phone question, so that a partial write would be visible. */
async function toPhoneQuestion(): Promise<void> {
  await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
  await send(host, { type: 'CONTINUE' });
  await call(host, 'sim:presentCard', { residentId: 'zhang' });
  await waitForScreen(host, 'question');
  await send(host, { type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } });
  const view = await send(host, { type: 'ANSWER', questionId: 'destination', value: { text: '示例国' } });
  expect(view.screen).toMatchObject({ name: 'question', question: { id: 'phone' } });
}

const isStaffCommand = (command: CommandName) => typeof commands[command].access === 'object';

describe('bad input at the boundary', () => {
  it('binds every command of the contract, the sim:* ones included, under the simulators', () => {
    expect([...host.commandNames].sort()).toEqual([...COMMAND_NAMES].sort());
    const simCommands = COMMAND_NAMES.filter((name) => commands[name].access === 'sim');
    expect(simCommands).toEqual(COMMAND_NAMES.filter((name) => name.startsWith('sim:')));
    expect(simCommands).toContain('sim:presentCard');
    for (const name of simCommands) expect(host.commandNames).toContain(name);
  });

  it('accepts the valid request of every command (so the rejections below are about the input)', async () => {
    for (const command of host.commandNames.filter((c) => !isStaffCommand(c))) {
      const result = await host.handle(command, VALID[command]);
      expect(result, command).toMatchObject({ ok: true });
    }
    // Back to the welcome screen, where staff sign in; signing out ends the session, so it goes last.
    await call(host, 'sim:idle', { phase: 'reset' });
    // A real reference for the commands about one submission.
    const reference = await submitRecord();
    // A card on the reader, for the card-read test to read at once.
    await call(host, 'sim:presentCard', { residentId: 'zhang' });
    await signInStaff(host, started.dataDir);
    for (const command of host.commandNames.filter((c) => isStaffCommand(c) && c !== 'staff:signOut')) {
      const request = 'reference' in VALID[command] ? { ...VALID[command], reference } : VALID[command];
      const result = await host.handle(command, request);
      // Refused after the request was read, for what the kiosk holds: a no-criminal-record
      // certificate waits for no review, has not failed, and no payment waits for a refund.
      const refusals: Partial<Record<CommandName, string>> = {
        'staff:decide': 'That submission does not wait for a review.',
        'staff:retrySubmission': 'That submission has not failed.',
        'staff:refund': 'That payment is not waiting for a refund.',
      };
      const refusal = refusals[command];
      if (refusal) expect(result, command).toMatchObject({ ok: false, error: { code: 'invalidRequest', message: refusal } });
      else expect(result, command).toMatchObject({ ok: true });
    }
    expect(await host.handle('staff:signOut', VALID['staff:signOut'])).toMatchObject({ ok: true });
  });

  it.each(COMMAND_NAMES)('%s answers every bad request with invalidRequest, echoing nothing', async (command) => {
    expect(host.commandNames).toContain(command);
    // Staff commands read their request only within a staff session, opened at the welcome screen.
    if (isStaffCommand(command)) await signInStaff(host, started.dataDir);
    else await toPhoneQuestion();
    const before = await getView(host);
    const sim = await call(host, 'sim:status', {});
    const queued = countSubmissions(started.dataDir);

    for (const [what, request] of badRequests(command)) {
      const result = await host.handle(command, request);
      const message = expectInvalidRequest(result);
      for (const secret of SECRETS) expect(message, `${command} with ${what}`).not.toContain(secret);
    }

    // No partial write: the flow, the simulators and the queue are as they were.
    expect(await getView(host)).toEqual(before);
    expect(await call(host, 'sim:status', {})).toEqual(sim);
    expect(countSubmissions(started.dataDir)).toBe(queued);
    expectNoPersonalData(started.lines);
  });

  it.each(['flow:nope', '', 'FLOW:GET', 'flow:get ', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'answers the unknown command %j with unknownCommand',
    async (name) => {
      const result = await host.handle(name, {});
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('unknownCommand');
      expect(result.error.message).not.toBe('');
      if (name.trim() !== '') expect(result.error.message).not.toContain(name.trim());
    },
  );
});

describe('flow:send', () => {
  it.each([
    ['an unknown event type', { type: 'HACK' }],
    ['the host-only RESUMED event', { type: 'RESUMED' }],
    ['an ANSWER of 10,000 characters', { type: 'ANSWER', questionId: 'phone', value: { text: '1'.repeat(10_000) } }],
    ['an ANSWER of 201 characters', { type: 'ANSWER', questionId: 'phone', value: { text: `${TEST_PHONE}${'x'.repeat(190)}` } }],
    ['a SUBMIT with a payload', { type: 'SUBMIT', reference: 'JN-K01A-7QXZ-3' }],
  ])('rejects %s and leaves the flow unchanged', async (_what, request) => {
    await toPhoneQuestion();
    const before = await getView(host);
    const queued = countSubmissions(started.dataDir);

    const message = expectInvalidRequest(await host.handle('flow:send', request));
    expect(message).not.toContain(TEST_PHONE);
    expect(message.length).toBeLessThan(500);

    expect(await getView(host)).toEqual(before);
    expect(countSubmissions(started.dataDir)).toBe(queued);
  });

  it('still takes a valid answer after rejecting bad ones', async () => {
    await toPhoneQuestion();
    expectInvalidRequest(await host.handle('flow:send', { type: 'ANSWER', questionId: 'phone', value: { text: 'x'.repeat(10_000) } }));
    const view = await send(host, { type: 'ANSWER', questionId: 'phone', value: { text: TEST_PHONE } });
    expect(screenOf(view, 'question').question.id).toBe('delivery');
    expect(screenOf(await send(host, { type: 'BACK' }), 'question')).toMatchObject({ question: { id: 'phone' }, answer: { text: TEST_PHONE } });
  });
});

describe('sim:presentDocument', () => {
  it.each([ID_NUMBER, 'nobody', 'ZHANG-HK', 'C12345678'])('rejects the unknown document id %j with invalidRequest', async (documentId) => {
    const before = await call(host, 'sim:status', {});
    const message = expectInvalidRequest(await host.handle('sim:presentDocument', { documentId }));
    expect(message).not.toContain(documentId);
    expect(await call(host, 'sim:status', {})).toEqual(before);
  });

  it('knows every sample document sim:documents lists, and names none of their holders in its answer', async () => {
    const documents = await call(host, 'sim:documents', {});
    expect(documents.length).toBeGreaterThan(0);
    for (const { id } of documents) expect(await host.handle('sim:presentDocument', { documentId: id })).toMatchObject({ ok: true });
    expectNoPersonalData(started.lines);
  });
});

describe('sim:presentCard', () => {
  it.each([ID_NUMBER, 'nobody', 'ZHANG'])('rejects the unknown resident id %j with invalidRequest', async (residentId) => {
    const before = await call(host, 'sim:status', {});
    const message = expectInvalidRequest(await host.handle('sim:presentCard', { residentId }));
    expect(message).not.toContain(residentId);
    expect(await call(host, 'sim:status', {})).toEqual(before);
    expect(before.cardPresent).toBeNull();
  });
});
