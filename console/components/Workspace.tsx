import { visitorDisplayName } from '../lib/visitor-name';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AgentProfile, QueueItem } from '../../shared/protocol/index';
import type { ConsoleApi } from '../api/http';
import { useI18n, type Locale } from '../i18n/index';
import { askForNotifications, beep, desktopNotify, notificationsSupported } from '../lib/alerts';
import type { CannedResponse } from '../lib/canned';
import { useShortcuts } from '../hooks/useShortcuts';
import { createConsoleStore, sidebarOrder, useConsoleState, type SocketFactory } from '../model/index';
import { ActiveChat, activeHeader } from './ActiveChat';
import { HelpOverlay } from './HelpOverlay';
import { HistoryScreen } from './HistoryScreen';
import { MarkWrongContext } from './MarkWrong';
import { Notices } from './Notices';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { ProfileDialog } from './ProfileDialog';
import { TransferDialog } from './TransferDialog';

interface Props {
  api: ConsoleApi;
  socketUrl: string;
  createSocket?: SocketFactory;
  sound: boolean;
  onSound(on: boolean): void;
  onLocale(locale: Locale): void;
  onSessionEnded(): void;
  onSignOut(): void;
}

/** The signed-in console: owns the store for as long as the agent is signed in. */
export function Workspace(props: Props) {
  const { t } = useI18n();
  const [announcement, setAnnouncement] = useState('');
  const [helpOpen, setHelpOpen] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const [contextOpen, setContextOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [canned, setCanned] = useState<CannedResponse[]>([]);
  const [askNotify, setAskNotify] = useState(() => notificationsSupported() && Notification.permission === 'default');
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const drafts = useRef(new Map<string, string>());
  const claimedFocus = useRef<string | null>(null);
  // Arrival alerts read the latest settings and strings without recreating the store.
  const live = useRef({ sound: props.sound, t });
  live.current = { sound: props.sound, t };

  const store = useMemo(
    () =>
      createConsoleStore({
        url: props.socketUrl,
        createSocket: props.createSocket,
        onSignedOut: props.onSessionEnded,
        onArrivals: (items: QueueItem[]) => {
          const { sound, t: tr } = live.current;
          const names = items.map((q) => visitorDisplayName(q, tr('visitor.anonymous'))).join(', ');
          setAnnouncement(tr('queue.arrived', { name: names }));
          if (sound) beep();
          const first = items[0];
          desktopNotify(tr('queue.notificationTitle'), first?.lastMessage ?? names, () => first && store.open(first.conversationId));
        },
      }),
    [],
  );
  const state = useConsoleState(store);

  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);

  useEffect(() => {
    props.api.canned().then(setCanned, () => setCanned([]));
  }, [props.api]);

  useEffect(() => {
    const n = state.queue.length;
    document.title = n > 0 ? t('app.titleQueueCount', { count: n }) : t('app.titleQueue');
  }, [state.queue.length, t]);

  const active = activeHeader(state);
  const activeId = active?.id ?? null;

  // After winning a claim the agent's next move is to greet the visitor: put them in the composer.
  useEffect(() => {
    if (claimedFocus.current && activeId === claimedFocus.current && state.chats[activeId]?.status === 'assigned') {
      claimedFocus.current = null;
      composerRef.current?.focus();
    }
  }, [activeId, state.chats]);

  const step = (delta: number) => {
    const order = sidebarOrder(state);
    if (order.length === 0) return;
    const at = activeId ? order.indexOf(activeId) : -1;
    const next = order[(at + delta + order.length) % order.length];
    if (next) store.open(next);
  };
  const resolveActive = () => {
    if (!active || !state.me) return;
    if ((active.status === 'assigned' && active.agentId === state.me.id) || active.status === 'offline') store.resolve(active.id);
  };
  useShortcuts({
    next: () => step(1),
    prev: () => step(-1),
    resolve: resolveActive,
    focusComposer: () => composerRef.current?.focus(),
    toggleHelp: () => setHelpOpen((o) => !o),
  });

  const openChat = (id: string) => {
    setHistoryOpen(false);
    store.open(id);
  };
  const claim = (id: string) => {
    setHistoryOpen(false);
    claimedFocus.current = id;
    store.claim(id);
  };
  const loadAgents = useCallback(() => props.api.agents(), [props.api]);
  const [profileOpen, setProfileOpen] = useState(false);
  // What the last save returned: the dialog reopens with it (the socket's welcome copy is older).
  const [profileMe, setProfileMe] = useState<AgentProfile | null>(null);
  const saveProfile = useCallback(
    async (patch: { name: string; avatarUrl: string | null }) => {
      const saved = await props.api.updateProfile(patch);
      setProfileMe(saved);
      return saved;
    },
    [props.api],
  );
  const loadHistory = useCallback((filters: Record<string, string>, cursor: string | null) => props.api.history(filters, cursor), [props.api]);
  const dismiss = useCallback((id: number) => store.dismiss(id), [store]);
  const markWrong = useCallback((conversationId: string, seq: number) => props.api.markWrongAnswer(conversationId, seq), [props.api]);

  return (
    <div class={contextOpen ? 'console context-open' : 'console'}>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <TopBar
        me={state.me}
        presence={state.presence}
        connection={state.connection}
        sound={props.sound}
        canAskNotifications={askNotify}
        contextOpen={contextOpen}
        historyOpen={historyOpen}
        onToggleHistory={() => setHistoryOpen((o) => !o)}
        onPresence={store.setPresence}
        onSound={props.onSound}
        onAskNotifications={() => askForNotifications().finally(() => setAskNotify(false))}
        onLocale={props.onLocale}
        onHelp={() => setHelpOpen(true)}
        onToggleContext={() => setContextOpen((o) => !o)}
        onSignOut={() => {
          store.stop();
          props.onSignOut();
        }}
        onProfile={() => setProfileOpen(true)}
      />
      {profileOpen && state.me && <ProfileDialog me={profileMe ?? state.me} save={saveProfile} onClose={() => setProfileOpen(false)} />}
      <Sidebar state={state} onOpen={openChat} onClaim={claim} />
      {historyOpen ? (
        <HistoryScreen loadPage={loadHistory} loadAgents={loadAgents} onOpen={openChat} />
      ) : (
        <MarkWrongContext.Provider value={markWrong}>
          <ActiveChat
            state={state}
            store={store}
            canned={canned}
            composerRef={composerRef}
            drafts={drafts.current}
            onClaim={claim}
            onTransfer={() => setTransferOpen(true)}
            onCloseContext={() => setContextOpen(false)}
          />
        </MarkWrongContext.Provider>
      )}
      <p class="sr-only" aria-live="polite">
        {announcement}
      </p>
      <Notices notices={state.notices} onDismiss={dismiss} />
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
      {transferOpen && active && state.me && (
        <TransferDialog
          myId={state.me.id}
          loadAgents={loadAgents}
          onClose={() => setTransferOpen(false)}
          onTransfer={(to, note) => {
            store.transfer(active.id, to, note);
            setTransferOpen(false);
          }}
        />
      )}
    </div>
  );
}
