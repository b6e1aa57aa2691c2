import { describe, expect, it } from 'vitest';
import { ReportedCamera } from '../../../../../electron/host/hardware/devices';

describe('ReportedCamera', () => {
  it('a failed face engine is a hardware error whatever the renderer reports, and the report returns when it works again', () => {
    const camera = new ReportedCamera();
    const seen: string[] = [];
    camera.onStatus((s) => seen.push(`${s.device}${s.detail ? `:${s.detail}` : ''}`));
    camera.report('online');
    camera.faceEngine('faceEngineModelMissing');
    camera.report('online');
    camera.report('denied');
    expect(camera.status()).toEqual({ device: 'hardwareError', detail: 'faceEngineModelMissing' });
    camera.faceEngine(null);
    // The last report stands again: the page said the camera was denied meanwhile.
    expect(camera.status()).toEqual({ device: 'userError', detail: 'permissionDenied' });
    expect(seen).toEqual(['online', 'hardwareError:faceEngineModelMissing', 'userError:permissionDenied']);
  });

  it('a simulated fault still holds against the renderer, and the engine failure over it', () => {
    const camera = new ReportedCamera();
    camera.force('noDevice');
    camera.report('online');
    expect(camera.status().device).toBe('noDevice');
    camera.faceEngine('faceEngineLoadFailed');
    expect(camera.status()).toEqual({ device: 'hardwareError', detail: 'faceEngineLoadFailed' });
  });
});
