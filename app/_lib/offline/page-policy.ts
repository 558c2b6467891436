/**
 * The page's own Content-Security-Policy, kept with it: its nonce is the one on the stored HTML's scripts
 * (proxy.ts), so the copy the worker serves offline runs under the policy it was served with.
 */
export function pagePolicyOf(response: Response): Record<string, string> {
  const policy = response.headers.get("Content-Security-Policy");
  return policy ? { "Content-Security-Policy": policy } : {};
}
