import type { WebSocket } from 'ws';
import { CLOSE } from '../../shared/limits';
import type { ErrorFrame } from '../../shared/errors';
import { topics } from '../bus/bus';
import type { Services } from '../services';

const DISABLED: ErrorFrame = { type: 'error', code: 'site_disabled', message: 'chat is switched off for this site' };

/**
 * A disabled site's widget is told so once and stopped: the close code is the one the widget
 * already treats as final, so it does not retry, and nothing reaches the store.
 */
export function refuseDisabledSite(socket: WebSocket): void {
  socket.send(JSON.stringify(DISABLED));
  socket.close(CLOSE.forbiddenOrigin, 'site disabled');
}

/** Visitors already chatting when an admin disables or deletes their site are stopped the same way. */
export function stopWhenSiteDisabled(socket: WebSocket, siteId: string, services: Services, log: { warn(obj: object, msg: string): void }): void {
  const off = services.bus.subscribe(topics.site(siteId), (event) => {
    if (event.kind !== 'site.changed') return;
    services.store.sites.byId(siteId).then(
      (site) => {
        if ((!site || site.disabled) && socket.readyState === socket.OPEN) refuseDisabledSite(socket);
      },
      (e: unknown) => log.warn({ err: e }, 'could not re-check a changed site'),
    );
  });
  socket.once('close', off);
}
