// The pages' addresses, in one place: mail, digests, calendar feeds and the pages' router agree on them.
// Every role can open each of these (the page shows what that role may see and do).

export const PAGE_PATHS = {
  task: (taskId: string): string => `/tasks/${taskId}`,
  inbox: (): string => '/notices',
  bulletin: (cycleId: string): string => `/bulletins/${cycleId}`,
  setPassword: (): string => '/set-password',
  /** Where an account invitation's link opens: choose a username and password. */
  welcome: (): string => '/account/welcome',
  /** The admin's accounts page with one account highlighted (a password-help request's link). */
  adminAccount: (username: string): string =>
    `/admin/accounts?focus=${encodeURIComponent(username)}`,
  /** Everyone's own password page. */
  ownPassword: (): string => '/account/password',
} as const;

/** Absolute links for mail and feeds, under the tracker's public URL. */
export function pageLinks(publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    task: (taskId: string): string => `${base}${PAGE_PATHS.task(taskId)}`,
    inbox: (): string => `${base}${PAGE_PATHS.inbox()}`,
    bulletin: (cycleId: string): string => `${base}${PAGE_PATHS.bulletin(cycleId)}`,
    /** A page path (one of PAGE_PATHS') as an absolute link. */
    path: (path: string): string => `${base}${path}`,
  };
}
