import { Component, type ReactNode } from 'react';
import { MessageScreen } from './Screen';

/** Last line of defence: a rendering bug shows what happened and a way back, not a white page. */
export class ErrorBoundary extends Component<
  { children: ReactNode; label: string },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error(`${this.props.label} failed to render`, error);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <MessageScreen
        title={`The ${this.props.label} could not be shown`}
        action={
          <button type="button" className="btn primary" onClick={() => window.location.reload()}>
            Reload
          </button>
        }
      >
        <p>Your edits are kept on this device. Reloading usually fixes this.</p>
        <p className="muted">Details: {this.state.error.message}</p>
      </MessageScreen>
    );
  }
}
