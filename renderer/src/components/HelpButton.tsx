import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { CallState, CommandResponse, HelpCall, KioskApi } from '../../../shared/contract';
import { useQr } from '../use-qr';
import { Button } from './Button';

export interface HelpButtonProps {
  client: KioskApi;
  /** The resident's session: a new one starts without the last resident's request or call. */
  sessionId: string | null;
}

type Request = CommandResponse<'help:request'>;

const inCall = (state: CallState | undefined) => state === 'ringing' || state === 'connected';

/**
 * "Call an officer", in the header of every screen: a dialog with the station's phone number
 * and a QR code to call it from one's own phone, and a call through the kiosk's intercom. The
 * request is recorded for staff and the platform; the resident's screen underneath stays as it
 * was, answers and all, and the dialog can be closed at any time (a call goes on meanwhile).
 */
export function HelpButton({ client, sessionId }: HelpButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [request, setRequest] = useState<Request | 'failed' | null>(null);
  const [call, setCall] = useState<HelpCall | null>(null);
  const [hungUpHere, setHungUpHere] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const requestId = useRef<number | null>(null);
  // Pushed call states and command replies travel apart: a reply older than an event is dropped.
  const events = useRef(0);

  useEffect(
    () =>
      client.on('help:call', (event) => {
        if (event.requestId !== requestId.current) return;
        events.current += 1;
        setCall(event);
      }),
    [client],
  );
  // The next resident starts afresh; the host ends the last one's call.
  useEffect(() => {
    setOpen(false);
    setRequest(null);
    setCall(null);
    setHungUpHere(false);
    requestId.current = null;
  }, [sessionId]);
  useEffect(() => {
    if (!open && wasOpen.current) trigger.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const show = () => {
    setOpen(true);
    // Asked each time: the same request while it is open, a new one once staff dealt with it.
    void client.invoke('help:request', {}).then((r) => {
      if (!r.ok) {
        setRequest('failed');
        return;
      }
      if (r.value.requestId !== requestId.current) {
        requestId.current = r.value.requestId;
        setCall(null);
        setHungUpHere(false);
      }
      setRequest(r.value);
    });
  };
  const close = useCallback(() => setOpen(false), []);
  const place = () => {
    const before = events.current;
    setHungUpHere(false);
    void client.invoke('help:call', {}).then((r) => {
      if (events.current !== before) return;
      if (r.ok) setCall(r.value);
      else if (requestId.current !== null) setCall({ requestId: requestId.current, state: 'failed' });
    });
  };
  const hangUp = () => {
    const before = events.current;
    setHungUpHere(true);
    void client.invoke('help:hangUp', {}).then((r) => {
      if (r.ok && events.current === before) setCall(r.value);
    });
  };

  return (
    <>
      <Button ref={trigger} variant="secondary" className="btn-help" aria-haspopup="dialog" aria-expanded={open} onClick={show} data-testid="help-open">
        <span aria-hidden="true">☎</span> {inCall(call?.state) ? t('help.buttonInCall') : t('help.button')}
      </Button>
      {open ? createPortal(<HelpDialog request={request} call={call} hungUpHere={hungUpHere} onCall={place} onHangUp={hangUp} onClose={close} />, document.body) : null}
    </>
  );
}

interface DialogProps {
  request: Request | 'failed' | null;
  call: HelpCall | null;
  hungUpHere: boolean;
  onCall: () => void;
  onHangUp: () => void;
  onClose: () => void;
}

function HelpDialog({ request, call, hungUpHere, onCall, onHangUp, onClose }: DialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = request !== null && request !== 'failed' ? request : null;
  const phone = loaded?.phone ?? null;
  const qr = useQr(phone ? `tel:${phone}` : null, 320);
  const state = call?.state;

  useEffect(() => {
    // The heading first, so a screen reader starts at the top: the number, then what can be done.
    heading.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const status = !call ? '' : state === 'ended' && hungUpHere ? t('help.hungUp') : t(`help.call.${call.state}`);
  return (
    <div className="dialog-backdrop help-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId} className="dialog help-dialog" data-testid="help-dialog">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t('help.heading')}
        </h2>
        <div id={bodyId}>
          {request === null ? (
            <p aria-busy="true">{t('help.loading')}</p>
          ) : request === 'failed' ? (
            <p className="lead" data-testid="help-failed">
              {t('help.requestFailed')}
            </p>
          ) : (
            <p className="lead">{t('help.intro')}</p>
          )}
          {phone ? (
            <>
              <p className="help-phone-label">{t('help.phoneLabel')}</p>
              <p className="help-phone" data-testid="help-phone">
                {phone}
              </p>
            </>
          ) : loaded ? (
            <p className="lead" data-testid="help-no-phone">
              {t('help.noPhone')}
            </p>
          ) : null}
          <p className={phone ? 'lead' : 'help-phone'} data-testid="help-emergency">
            {t('help.emergency')}
          </p>
        </div>
        {phone && qr ? (
          <figure className="help-qr-figure">
            <img className="help-qr" src={qr} alt={t('help.qrLabel', { phone })} width={320} height={320} data-testid="help-qr" />
            <figcaption>{t('help.qrHint')}</figcaption>
          </figure>
        ) : null}
        {loaded && loaded.intercom === 'unavailable' ? <p data-testid="help-intercom-unavailable">{t('help.intercomUnavailable')}</p> : null}
        <p className="hint">{t('help.goOn')}</p>
        {/* Kept in sight while the rest scrolls (large text): how the call stands, and the buttons. */}
        <div className="help-footer">
          <p role="status" className="help-call-state" data-testid="help-call-state" data-state={state ?? 'none'}>
            {status}
          </p>
          <div className="actions">
            {loaded?.intercom === 'ready' && !inCall(state) ? (
              <Button onClick={onCall} data-testid="help-call">
                {call ? t('help.callAgain') : t('help.callNow')}
              </Button>
            ) : null}
            {inCall(state) ? (
              <Button variant="warning" onClick={onHangUp} data-testid="help-hang-up">
                {t('help.hangUp')}
              </Button>
            ) : null}
            <Button variant="secondary" onClick={onClose} data-testid="help-close">
              {t('help.close')}
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}
