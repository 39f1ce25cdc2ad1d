// Less motion when the user asked the system for it (prefers-reduced-motion; WCAG 2.3.3): charts draw their
// final state at once instead of growing into it, maps jump instead of gliding and fading, notices appear
// without a fade. Read when a chart or map is made: a page opened after the setting changed follows it.
export function reducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
