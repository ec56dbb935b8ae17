import type { Session } from 'electron';
import { isAppUrl } from './navigation-guard.ts';

/** The one web permission the app uses: the webhook panel's "Copy" buttons write to the clipboard. */
const USED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Granted only for a permission the app uses, and only to the app's own pages. */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined): boolean {
  return USED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

/** Camera, location, notifications from pages, USB, serial, HID, screen capture...: all refused. */
export function denyUnusedPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler'>): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionGranted(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
}
