// Shell quoting lives in the contract (pure), so the renderer and the CLI quote the same way.
export { ansiCBytes, printfBytes, shellQuote } from '../../../electron/contract/shell-quote';
