/**
 * A send that did not happen; the message is what supervisors read as the delivery's last error.
 * `permanent`: retrying cannot help until someone changes the configuration (no SMTP server, no address).
 */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}

/** Keeps last_error readable: one line, bounded. */
export function shortError(text: string, max = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
