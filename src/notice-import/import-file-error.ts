import { DomainError } from '../common/domain-errors';

/**
 * A file that cannot be imported as sent: wrong type (400) or unreadable content (422). The message names the
 * file and says what to do, in Chinese; never a 500.
 */
export class ImportFileError extends DomainError {
  constructor(status: 400 | 413 | 422, code: string, message: string, details?: unknown) {
    super(status, code, message, details);
  }
}
