import { readFileSync } from 'node:fs';

/** The parent's pid and command line, from /proc (Linux); undefined where /proc is not there. */
function procInfo(pid: number): { ppid: number; cmd: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { ppid, cmd };
  } catch {
    return undefined;
  }
}

/**
 * npm does not pass SIGTERM on to the script it runs: `kill <npm pid>` would leave
 * capeo and its Temporal server running. When started through npm, watch the npm
 * process and stop when it is gone.
 */
export function onLauncherExit(stop: () => void): void {
  let pid = process.ppid;
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    const info = procInfo(pid);
    if (!info) return;
    if (/(^|\/)npm(-cli\.js)?\b|npm-cli/.test(info.cmd)) {
      const npm = pid;
      const timer = setInterval(() => {
        try {
          process.kill(npm, 0);
        } catch {
          clearInterval(timer);
          stop();
        }
      }, 500);
      timer.unref();
      return;
    }
    pid = info.ppid;
  }
}
