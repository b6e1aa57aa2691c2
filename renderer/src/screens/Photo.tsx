import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../../shared/contract';
import { Actions } from '../components/Actions';
import { CameraCapture, type PhotoCheckReply } from '../components/CameraCapture';
import { Page } from '../components/Page';

/** The photo step: the camera in the renderer, the specification check in the host. */
export function Photo({ client, onAccept, onBack }: { client: KioskApi; onAccept: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const check = async (jpegBase64: string): Promise<PhotoCheckReply> => {
    const r = await client.invoke('photo:check', { jpegBase64 });
    return r.ok ? r.value : { ok: false, problems: ['unavailable'] };
  };
  return (
    <Page heading={t('photo.heading')} screenKey="photo" testId="photo">
      <CameraCapture
        onCapture={check}
        onAccept={onAccept}
        onUnavailable={(reason) => void client.invoke('camera:report', { state: reason === 'absent' ? 'noDevice' : 'denied' })}
      />
      <Actions onBack={onBack} />
    </Page>
  );
}
