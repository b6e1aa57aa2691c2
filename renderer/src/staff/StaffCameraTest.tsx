import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { CameraCapture, type PhotoCheckReply } from '../components/CameraCapture';
import { Page } from '../components/Page';
import type { KioskApi } from '../../../shared/contract';

/** The camera and the light checked as a resident's photo would be; the photo is not kept. */
export function StaffCameraTest({ client, onBack }: { client: KioskApi; onBack: () => void }) {
  const { t } = useTranslation();
  const [passed, setPassed] = useState(false);
  const check = async (jpegBase64: string): Promise<PhotoCheckReply> => {
    const r = await client.invoke('staff:cameraTest', { jpegBase64 });
    return r.ok ? r.value : { ok: false, problems: ['unavailable'] };
  };
  return (
    <Page heading={t('staff.health.cameraHeading')} screenKey="staffCameraTest" testId="staffCameraTest">
      <p>{t('staff.health.cameraIntro')}</p>
      <CameraCapture
        onCapture={check}
        onAccept={() => setPassed(true)}
        onUnavailable={(reason) => void client.invoke('camera:report', { state: reason === 'absent' ? 'noDevice' : 'denied' })}
      />
      {passed ? (
        <p role="status" data-testid="camera-test-passed">
          {t('staff.health.cameraPassed')}
        </p>
      ) : null}
      <div className="actions">
        <Button variant="secondary" onClick={onBack} data-testid="camera-test-back">
          {t('staff.review.back')}
        </Button>
      </div>
    </Page>
  );
}
