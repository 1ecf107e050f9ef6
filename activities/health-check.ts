/** What `capeo doctor` learns from one adapter: whether it can work, and what to fix when it cannot. */
export interface CheckResult {
  ok: boolean;
  /** One line: what was checked and found ("authenticated as capeo-bot on acme.atlassian.net, project HUNT"), or what is wrong and what to fix. */
  detail: string;
}

/** An adapter that can check its settings, credentials and reachability without side effects. */
export interface Checkable {
  readonly name: string;
  check(): Promise<CheckResult>;
}
