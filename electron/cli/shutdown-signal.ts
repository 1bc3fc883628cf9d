/**
 * Resolves with the first SIGINT/SIGTERM. A second signal while shutting down exits at once, for
 * the person who pressed Ctrl-C twice because the flush seemed stuck.
 */
export function nextShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const force = (): never => {
        process.stderr.write('hookscope: second signal, exiting without a clean shutdown\n');
        process.exit(1);
      };
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
