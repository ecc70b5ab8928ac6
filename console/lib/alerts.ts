/** Ways to get an agent's attention when a chat joins the queue while they look elsewhere. */

let audio: AudioContext | null = null;

/** A short two-tone beep through WebAudio: no sound file to ship or load. */
export function beep(): void {
  try {
    audio ??= new AudioContext();
    const ctx = audio;
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    gain.gain.setValueAtTime(0.0001, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.3);
    for (const [freq, at] of [[880, 0], [1175, 0.12]] as const) {
      const osc = ctx.createOscillator();
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(ctx.currentTime + at);
      osc.stop(ctx.currentTime + at + 0.14);
    }
  } catch {
    // No audio device or autoplay refused: the title and live region still tell the agent.
  }
}

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

export function notificationsAllowed(): boolean {
  return notificationsSupported() && Notification.permission === 'granted';
}

export async function askForNotifications(): Promise<boolean> {
  if (!notificationsSupported()) return false;
  return (await Notification.requestPermission()) === 'granted';
}

/** A desktop notification, only when permitted and the console is not the visible tab. */
export function desktopNotify(title: string, body: string, onClick: () => void): void {
  if (!notificationsAllowed() || document.visibilityState === 'visible') return;
  try {
    const n = new Notification(title, { body, tag: 'console-queue' });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the title still counts.
  }
}
