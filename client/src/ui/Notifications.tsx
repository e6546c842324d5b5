/**
 * Notifications are seen wherever the person is: a toast when one arrives (any page of the production), an
 * unread count on the header's Notifications button, and the feed behind it. Reading the feed marks
 * everything read for this member on every device (server/setchannel/SPEC.md S12).
 */
import { useEffect, useRef, useState } from 'react';
import type { Notification } from '../../../shared/set-channel';
import type { SetChannel } from '../sync/set-channel';
import { Dialog } from './Dialog';

/** A toast stays this long unless dismissed; the feed keeps it after. */
const TOAST_MS = 12_000;

const timeOf = (n: Notification) => new Date(n.at).toLocaleTimeString([], { timeStyle: 'short' });

export function NotificationList({ notifications }: { notifications: Notification[] }) {
  return (
    <ul className="notifications">
      {notifications.map((n) => (
        <li key={n.id} className={`note-${n.kind}`}>
          <time>{timeOf(n)}</time> {n.text}
          <span className="muted"> · {n.by.name}</span>
        </li>
      ))}
    </ul>
  );
}

type Channel = Pick<SetChannel, 'notifications' | 'unread' | 'markRead' | 'toasts' | 'dismissToast'>;

export function NotificationsButton({ channel }: { channel: Channel }) {
  const [open, setOpen] = useState(false);
  const { unread, markRead } = channel;
  // Read while the feed is open: what arrives meanwhile is seen too.
  useEffect(() => {
    if (open && unread > 0) markRead();
  }, [open, unread, markRead]);
  return (
    <>
      <button
        type="button"
        className="btn notifications-button"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="unread-badge" data-testid="unread-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <Dialog
          title="Notifications"
          onCancel={() => setOpen(false)}
          actions={
            <button type="button" className="btn primary" onClick={() => setOpen(false)}>
              Close
            </button>
          }
        >
          {channel.notifications.length === 0 ? (
            <p className="muted">Nothing yet today.</p>
          ) : (
            <NotificationList notifications={channel.notifications} />
          )}
        </Dialog>
      )}
    </>
  );
}

/** Drawn, not an emoji: tablets without an emoji font would show an empty box. */
function BellIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

/** Polite: a toast never interrupts what a screen reader is saying, and never takes focus from a field. */
export function Toasts({ channel }: { channel: Channel }) {
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="New notifications">
      {channel.toasts.map((n) => (
        <Toast key={n.id} notification={n} onDismiss={() => channel.dismissToast(n.id)} />
      ))}
    </div>
  );
}

function Toast({ notification, onDismiss }: { notification: Notification; onDismiss: () => void }) {
  // The toast's own lifetime: a re-render of the list (a new callback) must not restart it.
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  useEffect(() => {
    const timer = setTimeout(() => dismiss.current(), TOAST_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className={`toast note-${notification.kind}`} data-testid="toast">
      <p>
        {notification.text}
        <span className="muted"> · {timeOf(notification)}</span>
      </p>
      <button type="button" className="btn icon" aria-label="Dismiss notification" onClick={onDismiss}>
        ✕
      </button>
    </div>
  );
}
