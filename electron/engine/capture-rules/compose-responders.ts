import type { Responder } from '../receiver/types';

/** The first responder that decides something wins; a custom responder goes before the built-in. */
export function composeResponders(...responders: Array<Responder | undefined>): Responder {
  const present = responders.filter((responder): responder is Responder => !!responder);
  return (capture, endpoint) => {
    for (const responder of present) {
      const decided = responder(capture, endpoint);
      if (decided) return decided;
    }
    return null;
  };
}
