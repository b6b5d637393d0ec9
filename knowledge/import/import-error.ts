/** Why a document could not be imported, said so that the person importing it can act on it. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}
