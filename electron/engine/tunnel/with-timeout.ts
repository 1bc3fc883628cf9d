/**
 * Races `work` against a timer. When the timer wins, `onLateResult` receives whatever `work`
 * produces afterwards, so a session that connects too late is closed instead of leaking.
 */
export function withTimeout<T>(
  work: Promise<T>,
  timeoutMs: number,
  onTimeout: () => Error,
  onLateResult: (value: T) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(onTimeout());
    }, timeoutMs);
    work.then(
      (value) => {
        if (timedOut) onLateResult(value);
        else {
          clearTimeout(timer);
          resolve(value);
        }
      },
      (error: unknown) => {
        if (timedOut) return;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
