// Moving between pages without importing the router: the router registers itself here at start-up,
// so pages and components can navigate while the imports run one way (main → router → pages).

type Listener = () => void;
let listener: Listener = () => {};

/** Called once by the router. */
export function onNavigate(next: Listener): void {
  listener = next;
}

export function navigate(path: string): void {
  history.pushState(null, '', path);
  listener();
}

/** Draws the current page again (after the language changed, or to retry). */
export function refresh(): void {
  listener();
}
