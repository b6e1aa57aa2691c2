import { useTranslation } from 'react-i18next';
import { Actions } from '../components/Actions';
import { CameraCapture, type PhotoCheckReply } from '../components/CameraCapture';
import { Page } from '../components/Page';
import type { ScreenProps } from './screen-props';

/** The photo step: the camera in the renderer, the specification check in the host. */
export function Photo({ screen, send, client }: ScreenProps<'photo'>) {
  const { t } = useTranslation();
  const check = async (jpegBase64: string): Promise<PhotoCheckReply> => {
    const r = await client.invoke('photo:check', { jpegBase64 });
    return r.ok ? r.value : { ok: false, problems: ['unavailable'] };
  };
  return (
    <Page heading={t('photo.heading')} screenKey={`photo-${screen.stepId}`} testId="photo">
      <p>{t('photo.forSpec', { spec: t(`photo.spec.${screen.spec}`) })}</p>
      <CameraCapture
        onCapture={check}
        onAccept={() => send({ type: 'PHOTO_ACCEPT' })}
        onUnavailable={(reason) => void client.invoke('camera:report', { state: reason === 'absent' ? 'noDevice' : 'denied' })}
      />
      <Actions onBack={() => send({ type: 'BACK' })} />
    </Page>
  );
}
