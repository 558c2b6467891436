/**
 * A week's distance as the weekly chart writes it above its bar: kilometres, one decimal under 10 km and
 * whole above, so twelve labels fit a phone's width (about four characters each); the heading says "km".
 */
export function weekDistanceLabel(meters: number): string {
  if (meters <= 0) return "";
  // Rounded in hundreds of metres first: 850 m is 0.9, where (0.85).toFixed(1) says 0.8.
  const tenths = Math.round(meters / 100);
  return tenths < 100 ? (tenths / 10).toFixed(1) : String(Math.round(meters / 1000));
}
