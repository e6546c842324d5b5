import type { ReactNode } from 'react';

/** A full-page message: what happened and what the person can do. Never a blank screen. */
export function MessageScreen(props: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <main className="message-screen" role="alert">
      <h1>{props.title}</h1>
      {props.children && <div className="message-body">{props.children}</div>}
      {props.action && <div className="message-action">{props.action}</div>}
    </main>
  );
}
