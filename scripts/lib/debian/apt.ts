/**
 * Pure parts of installing a Debian package for a launcher: which command line to run as which user, and whether
 * apt-get failed only because the package lists are missing or stale (then `apt-get update` is worth running).
 */

/** How we may run apt-get: as root directly, through password-less sudo, or not at all. */
export type Privilege = 'root' | 'sudo' | 'none';

/** Waits for another apt/dpkg run (another launcher, the test command's ensure.sh) instead of failing at once. */
const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=300'];

/** argv (command first) of `apt-get <args>` for this privilege; null when we cannot run it. */
export function aptArgv(privilege: Privilege, args: readonly string[]): string[] | null {
  const env = ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...LOCK_WAIT, ...args];
  if (privilege === 'root') return env;
  if (privilege === 'sudo') return ['sudo', '-n', ...env];
  return null;
}

export const installArgs = (pkg: string): string[] => ['install', '-y', '-q', '--no-install-recommends', pkg];
export const UPDATE_ARGS: readonly string[] = ['update', '-q'];

/**
 * apt-get's own words when it has no (or an outdated) list for the package: on a fresh image the lists are empty,
 * and a list older than a security update names a .deb the mirror no longer has (404).
 */
export function failedForLackOfLists(output: string): boolean {
  return (
    /Unable to locate package/.test(output) ||
    /has no installation candidate/.test(output) ||
    /Failed to fetch .* 404/.test(output) ||
    /Unable to fetch some archives, maybe run apt-get update/.test(output)
  );
}

/** The error when the binary is missing and this user may not install it. */
export function cannotInstallMessage(binary: string, pkg: string): string {
  return (
    `${binary} is not installed and this user can neither run apt-get nor sudo without a password; ` +
    `install it with: sudo apt-get install -y ${pkg}`
  );
}
