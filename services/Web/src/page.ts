// What a page is to the router. Pages import this and navigation.ts, never the router or main.ts.
import type { Session } from './session';

export interface Page {
  /** Renders into main; returns what to do when the page is left (close streams, stop timers). */
  render(main: HTMLElement, user: Session, params: URLSearchParams): Promise<(() => void) | void>;
  title(): string;
}
