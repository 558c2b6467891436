/**
 * Calls `then` once, at the runner's first sign of using the page: a touch, a click, a key, a scroll or a
 * mouse moving over it. The tile map waits for it (route-view.tsx): street tiles drawn in the first seconds,
 * while the runner only reads the figures, were the page's largest paint and its slowest (Lighthouse mobile:
 * LCP 3.5 s on a map tile, performance 87, against 99 with the SVG route alone), so the SVG stands in until
 * then, the way a facade stands in for a heavy embed. Returns a function that cancels the wait.
 */
const INTENT_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll"] as const;

export function onFirstInteraction(then: () => void): () => void {
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    stop();
    then();
  };
  const stop = () => {
    for (const type of INTENT_EVENTS) window.removeEventListener(type, fire, { capture: true });
  };
  for (const type of INTENT_EVENTS) window.addEventListener(type, fire, { capture: true, passive: true });
  return () => {
    done = true;
    stop();
  };
}
