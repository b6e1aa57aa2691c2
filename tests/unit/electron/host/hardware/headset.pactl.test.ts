import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { headphonesPlugged, PactlHeadset } from '../../../../../electron/host/hardware/headset.pactl';

/** What PulseAudio 16's `pactl --format=json list sinks` prints for a laptop-style card. */
function sinks(headphones: 'available' | 'not available', name = 'alsa_output.pci-0000_00_1f.3.analog-stereo') {
  return JSON.stringify([
    {
      index: 0,
      state: 'SUSPENDED',
      name,
      description: 'Built-in Audio Analog Stereo',
      ports: [
        { name: 'analog-output-speaker', description: 'Speakers', type: 'Speaker', priority: 10000, availability_group: 'Legacy 1', availability: 'availability unknown' },
        { name: 'analog-output-headphones', description: 'Headphones', type: 'Headphones', priority: 9900, availability_group: 'Legacy 2', availability: headphones },
      ],
      active_port: headphones === 'available' ? 'analog-output-headphones' : 'analog-output-speaker',
    },
  ]);
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A stand-in `pactl` that prints what the test put in its answer file, and records its arguments. */
function fakePactl(answer: string | null) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pactl-'));
  dirs.push(dir);
  const bin = path.join(dir, 'pactl');
  fs.writeFileSync(bin, `#!/bin/sh\necho "$@" > "${dir}/args"\n[ -f "${dir}/answer" ] || { echo 'Connection failure: Connection refused' >&2; exit 1; }\ncat "${dir}/answer"\n`, { mode: 0o755 });
  const set = (text: string | null) => (text === null ? fs.rmSync(path.join(dir, 'answer'), { force: true }) : fs.writeFileSync(path.join(dir, 'answer'), text));
  set(answer);
  return { bin, set, args: () => fs.readFileSync(path.join(dir, 'args'), 'utf8').trim() };
}

describe('the headphone socket through the sound server', () => {
  it('reads a headphone port that is available as plugged in, and nothing else', () => {
    expect(headphonesPlugged(sinks('available'))).toBe(true);
    expect(headphonesPlugged(sinks('not available'))).toBe(false);
    // Another card's sink, when the kiosk names its own.
    expect(headphonesPlugged(sinks('available', 'usb-card'), 'alsa_output.pci-0000_00_1f.3.analog-stereo')).toBe(false);
    expect(headphonesPlugged('[]')).toBe(false);
    expect(() => headphonesPlugged('{"not":"a list"}')).toThrow(/list of sinks/);
  });

  it('follows plugging in and pulling out, as the sound server reports it', async () => {
    const pactl = fakePactl(sinks('not available'));
    let tick: () => void = () => undefined;
    const headset = new PactlHeadset({ binary: pactl.bin, every: (_ms, check) => ((tick = check), () => undefined) });
    const seen: string[] = [];
    headset.onStatus((s) => seen.push(`${s.device}/${s.media ?? ''}`));
    await headset.check();
    expect(headset.status()).toEqual({ device: 'online', media: 'notPresent' });
    expect(pactl.args()).toBe('--format=json list sinks');
    pactl.set(sinks('available'));
    await headset.check();
    expect(headset.status()).toMatchObject({ device: 'online', media: 'present' });
    pactl.set(sinks('not available'));
    await headset.check();
    expect(seen).toEqual(['online/notPresent', 'online/present', 'online/notPresent']);
    expect(typeof tick).toBe('function');
  });

  it('no sound server, no pactl, or an answer it cannot read: not a headset', async () => {
    const pactl = fakePactl(null);
    const headset = new PactlHeadset({ binary: pactl.bin, every: () => () => undefined });
    await headset.check();
    expect(headset.status()).toEqual({ device: 'offline', media: 'notPresent', detail: 'noSoundServer' });
    pactl.set('not json');
    await headset.check();
    expect(headset.status()).toEqual({ device: 'hardwareError', media: 'notPresent', detail: 'garbledReply' });
    const missing = new PactlHeadset({ binary: path.join(os.tmpdir(), 'no-such-pactl-here'), every: () => () => undefined });
    await missing.check();
    expect(missing.status()).toEqual({ device: 'offline', media: 'notPresent', detail: 'noPactl' });
  });

  it('start asks at once and then on every tick; close stops the ticks', async () => {
    const pactl = fakePactl(sinks('available'));
    let ticks: (() => void) | null = null;
    let stopped = false;
    const headset = new PactlHeadset({
      binary: pactl.bin,
      every: (_ms, check) => {
        ticks = check;
        return () => (stopped = true);
      },
    });
    const changed = new Promise<void>((resolve) => headset.onStatus(() => resolve()));
    headset.start();
    await changed;
    expect(headset.status().media).toBe('present');
    expect(ticks).not.toBeNull();
    headset.close();
    expect(stopped).toBe(true);
  });
});
