/** A printing option that cannot be honoured (a day that does not exist, a board id that is unknown). */
export class PdfOptionError extends Error {
  override name = 'PdfOptionError';
  constructor(
    /** The option (and query parameter) at fault: `day`, `board`, `date`. */
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
  }
}
