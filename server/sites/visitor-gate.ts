import type { WebSocket } from 'ws';
import type { ErrorFrame } from '../../shared/errors';
import { CLOSE } from '../../shared/limits';
import { topics } from '../bus/bus';
import type { Services } from '../services';

const DISABLED = JSON.stringify({ type: 'error', code: 'site_disabled', message: 'chat is switched off for this site' } satisfies ErrorFrame);

/**
 * A disabled site's widget is told so once and stopped: the close code is the one the widget
 * already treats as final, so it does not retry, and nothing reaches the store.
 */
export function refuseDisabledSite(socket: WebSocket): void {
  socket.send(DISABLED);
  socket.close(CLOSE.forbiddenOrigin, 'site disabled');
}

/**
 * Visitors already chatting when an admin disables or deletes their site are stopped the same way.
 * The event says whether the site is still open, so no socket queries the store for it.
 */
export function stopWhenSiteDisabled(socket: WebSocket, siteId: string, services: Services): void {
  const off = services.bus.subscribe(topics.site(siteId), (event) => {
    if (event.kind === 'site.changed' && !event.open && socket.readyState === socket.OPEN) refuseDisabledSite(socket);
  });
  socket.once('close', off);
}
