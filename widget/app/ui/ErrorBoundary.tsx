import { Component, type ComponentChildren } from 'preact';
import { report } from '../../shared/guard';

/**
 * Catches render errors so a bug in the chat never surfaces as an exception on the host page;
 * the panel renders nothing rather than half a UI.
 */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };

  override componentDidCatch(error: unknown): void {
    report(error);
    this.setState({ failed: true });
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
