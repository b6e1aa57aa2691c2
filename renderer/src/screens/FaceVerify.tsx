import { useTranslation } from 'react-i18next';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { FaceCheck } from '../components/FaceCheck';
import { Page } from '../components/Page';
import type { ScreenProps } from './screen-props';

/** The 1:1 face check: the camera against the document's photo, its alternative, and the counter after the last try. */
export function FaceVerify({ screen, send, client }: ScreenProps<'faceVerify'>) {
  const { t } = useTranslation();
  const key = `face-${screen.stepId}-${screen.phase}`;
  if (screen.phase === 'counter') {
    return (
      <Page heading={t('face.counter.heading')} screenKey={key} testId="face-counter">
        <p className="lead">{t('face.counter.body')}</p>
        <p>{t('face.counter.bring')}</p>
        <Actions>
          <Button onClick={() => send({ type: 'FINISH' })} data-testid="finish">
            {t('actions.finish')}
          </Button>
        </Actions>
      </Page>
    );
  }
  if (screen.phase === 'noReference') {
    const later = screen.withoutPhoto === 'officerLater';
    return (
      <Page heading={t('face.noReference.heading')} screenKey={key} testId="face-no-reference">
        <p className="lead">{t('face.noReference.body')}</p>
        <p data-testid="face-alternative" data-without-photo={screen.withoutPhoto}>
          {later ? t('face.noReference.alternative') : t('face.noReference.counter')}
        </p>
        <Actions onBack={() => send({ type: 'BACK' })}>
          {later ? (
            <Button onClick={() => send({ type: 'CONTINUE' })} data-testid="continue">
              {t('face.noReference.continue')}
            </Button>
          ) : null}
          <Button variant={later ? 'secondary' : 'primary'} onClick={() => send({ type: 'FINISH' })} data-testid="finish">
            {t('actions.finish')}
          </Button>
        </Actions>
      </Page>
    );
  }
  return (
    <Page heading={t('face.heading')} screenKey={key} testId="face">
      {screen.phase === 'preparing' ? (
        <p className="lead" aria-busy="true">
          {t('face.preparing')}
        </p>
      ) : (
        <>
          <p>{t('face.intro', { source: t(`face.source.${screen.source === 'platform' ? 'platform' : 'card'}`) })}</p>
          {screen.lastMiss !== null ? (
            <div className="camera-problems" role="alert" data-testid="face-miss" data-miss={screen.lastMiss}>
              <p>{t(`face.miss.${screen.lastMiss}`)}</p>
              <p>{t('face.triesLeft', { n: screen.triesLeft })}</p>
            </div>
          ) : null}
          <FaceCheck
            onBurst={async (frames) => {
              const r = await client.invoke('face:verify', { frames });
              return r.ok ? r.value.outcome : 'unavailable';
            }}
            onUnavailable={(reason) => void client.invoke('camera:report', { state: reason === 'absent' ? 'noDevice' : 'denied' })}
          />
          <p className="hint">{t('face.privacy')}</p>
        </>
      )}
      <Actions onBack={() => send({ type: 'BACK' })} />
    </Page>
  );
}
