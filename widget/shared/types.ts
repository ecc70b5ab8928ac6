/**
 * The contract between the loader (`widget.js`, tiny, always on the page) and the chat app
 * (`widget/app.js`, loaded on demand). Type-only so neither build pulls in the other's code.
 */

export type Position = 'left' | 'right';

/** Options from the snippet's `data-*` attributes; `null` means "not set, use the site's setting". */
export interface SnippetConfig {
  site: string;
  color: string | null;
  position: Position | null;
  greeting: string | null;
  locale: string | null;
  launcherLabel: string | null;
  preload: 'idle' | 'none';
}

/** The site settings the loader can apply to the launcher before the app is loaded (cached from the last welcome). */
export interface LauncherLook {
  color: string | null;
  position: Position | null;
  launcherLabel: string | null;
  locale: string | null;
  /** The site's admin switched chat off: the launcher is not shown until a later check finds it on. */
  off?: boolean;
}

export type ChatEventName = 'open' | 'close' | 'message' | 'escalated' | 'resolved';

export interface ChatMessageEvent {
  author: 'bot' | 'agent' | 'system';
  authorName: string | null;
  text: string;
}

export interface IdentityInput {
  name?: string;
  email?: string;
  userId?: string;
  userHash?: string;
  attributes?: Record<string, string | number | boolean | null>;
}

/** What the loader hands the app when it mounts. */
export interface WidgetHost {
  root: ShadowRoot;
  config: SnippetConfig;
  /** URL of the visitor WebSocket endpoint for this site. */
  socketUrl: string;
  launcher: HTMLButtonElement;
  emit(event: ChatEventName, detail?: ChatMessageEvent): void;
  /** Mounted ahead of the first open (idle-time preparation): draw the closed panel, connect on `open()`. */
  prepare?: true;
  /** The app tells the loader what the launcher should show. */
  updateLauncher(state: { open: boolean; unread: number; look: LauncherLook }): void;
}

/** What the app gives back; the loader forwards `window.Chat` commands to it. */
export interface WidgetApp {
  open(): void;
  close(): void;
  toggle(): void;
  identify(identity: IdentityInput): void;
  /** Forget the visitor (logout): clears local state, closes the socket, unmounts. */
  shutdown(): void;
}

export type MountFn = (host: WidgetHost) => WidgetApp;
