/**
 * Every catalog service through the real host on simulators: identity, the platform's
 * fictional data, questions, photo, payment, queue, prints, rating. The screens are driven by
 * what each view asks for, so this checks the catalog and the host together; the end-to-end
 * tests check the same services by touch in Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalog } from '../../shared/catalog/services';
import { removeTempDirs, startTestHost, tempDir } from './helpers';
import { drive, SCRIPTS } from './service-driver';

afterEach(() => removeTempDirs());


describe('every catalog service through the host', () => {
  it('has a script for every service, and no script for a service that is not there', () => {
    expect(Object.keys(SCRIPTS).sort()).toEqual(catalog.map((s) => s.id).sort());
  });

  it.each(catalog.map((s) => s.id))('%s runs from the welcome screen back to it', async (serviceId) => {
    const dataDir = tempDir('kiosk-svc-');
    const { host } = await startTestHost(dataDir);
    try {
      const script = SCRIPTS[serviceId];
      if (!script) throw new Error(`no script for ${serviceId}`);
      const views = await drive(host, serviceId, script);
      const names = views.map((v) => v.screen.name);
      expect(names).toContain('rating');
      const entry = catalog.find((s) => s.id === serviceId);
      const submits = entry?.steps.some((s) => s.kind === 'submit');
      if (submits) expect(names).toContain('confirmation');
      const a4 = entry?.steps.some((s) => s.kind === 'print' && s.output === 'a4');
      if (a4) expect(fs.readdirSync(path.join(dataDir, 'sim', 'documents')).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    } finally {
      await host.close();
    }
  });
});
