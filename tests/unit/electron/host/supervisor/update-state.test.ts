import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_UPDATE, readUpdateState, UPDATE_STATE_FILE, writeUpdateState } from '../../../../../electron/host/supervisor/update-state';
import { tempDirs } from '../../../../fixtures/temp-dirs';

const dirs = tempDirs('kiosk-update-state-');
afterAll(() => dirs.removeAll());

describe('update-state.json', () => {
  it('is a kiosk that never updated when the file is missing, with no error', () => {
    expect(readUpdateState(dirs.make())).toEqual({ state: NO_UPDATE, error: null });
  });

  it('reads back what was written, with nothing left of the temporary file', () => {
    const dir = dirs.make();
    const state = { from: '1.0.0', to: '1.1.0', attempts: 1, rejected: ['0.9.0'] };
    writeUpdateState(dir, state);
    expect(readUpdateState(dir)).toEqual({ state, error: null });
    expect(fs.readdirSync(dir)).toEqual([UPDATE_STATE_FILE]);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, UPDATE_STATE_FILE)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['a truncated file', '{"from":"1.0.0","to":', 'notJson', /is not JSON: delete it/],
    ['an empty file', '', 'notJson', /is not JSON/],
    ['a wrong type', '{"from":"1.0.0","to":"1.1.0","attempts":"two","rejected":[]}', 'badShape', /bad entry \(attempts\)/],
    ['a negative count', '{"from":"1.0.0","to":"1.1.0","attempts":-1,"rejected":[]}', 'badShape', /attempts/],
    ['an unknown key', '{"from":null,"to":null,"attempts":0,"rejected":[],"x":1}', 'badShape', /bad entry/],
    ['an array', '[]', 'badShape', /bad entry/],
  ])('gives the safe default (nothing on trial, no rollback) and a clear error for %s', (_name, text, code, message) => {
    const dir = dirs.make();
    fs.writeFileSync(path.join(dir, UPDATE_STATE_FILE), text);
    const { state, error } = readUpdateState(dir);
    expect(state).toEqual(NO_UPDATE);
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(message);
    expect(error?.message).toContain(UPDATE_STATE_FILE);
  });

  it('says so when the file is there but cannot be read (a folder in its place)', () => {
    const dir = dirs.make();
    fs.mkdirSync(path.join(dir, UPDATE_STATE_FILE));
    const { state, error } = readUpdateState(dir);
    expect(state).toEqual(NO_UPDATE);
    expect(error?.code).toBe('unreadable');
    expect(error?.message).toMatch(/cannot be read \(EISDIR\)/);
  });

  it('refuses to write a bad state rather than leave one for the next start', () => {
    const dir = dirs.make();
    expect(() => writeUpdateState(dir, { ...NO_UPDATE, attempts: 1.5 })).toThrow();
    expect(fs.existsSync(path.join(dir, UPDATE_STATE_FILE))).toBe(false);
  });
});
