import type { Event, PermissionCheckHandlerHandlerDetails, WebContents } from 'electron';
import { app, session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { appPageUrl, isAppPageUrl } from './app-page';
import { lockDownInput, lockDownSession } from './lockdown';

// The policy lives in shared/ so the browser-mode server sends exactly the same one.
export { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

/**
 * Locks every web contents to the kiosk page: no navigation, popups, webviews or permissions but
 * the camera, no escape keys, zoom, context menu, downloads or device choosers (lockdown.ts).
 */
export function setupSecurity(pageUrl: string = appPageUrl()): void {
  app.on('web-contents-created', (_event, contents) => {
    lockDownContents(contents, pageUrl);
    lockDownInput(contents, { packaged: app.isPackaged });
  });

  const ses = session.defaultSession;
  lockDownSession(ses);
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isCameraForAppPage(permission, details.requestingUrl, mediaTypes, pageUrl));
  });
  ses.setPermissionCheckHandler((contents, permission, _origin, details: PermissionCheckHandlerHandlerDetails) => {
    // File pages have an opaque origin, so the origin argument cannot tell our page from
    // another file; the frame's URL can.
    const url = details.requestingUrl ?? contents?.getURL() ?? '';
    const mediaTypes = details.mediaType === undefined ? undefined : [details.mediaType];
    return isCameraForAppPage(permission, url, mediaTypes, pageUrl);
  });

  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** True for the one permission the kiosk needs: the camera (no microphone) for its own page. */
export function isCameraForAppPage(
  permission: string,
  requestingUrl: string,
  mediaTypes: readonly string[] | undefined,
  pageUrl: string,
): boolean {
  return (
    permission === 'media' &&
    mediaTypes !== undefined &&
    mediaTypes.length > 0 &&
    mediaTypes.every((type) => type === 'video') &&
    isAppPageUrl(requestingUrl, pageUrl)
  );
}

function lockDownContents(contents: WebContents, pageUrl: string): void {
  // The kiosk has a single window; a popup would open over it with no way back.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  const stayOnAppPage = (event: Event<{ url: string }>): void => {
    if (!isAppPageUrl(event.url, pageUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnAppPage);
  contents.on('will-redirect', stayOnAppPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
