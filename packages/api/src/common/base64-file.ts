import type { DomainError } from '@xingfu/domain';

/** Pieces of a base64 file: each string at most the API's string limit (10,000 characters), the body at most 1 MB. */
export const MAX_FILE_PIECES = 100;

/**
 * The file of an upload sent as base64 pieces (each within the API's string limit), joined and
 * decoded; `invalid` is the refusal when the text is not base64.
 */
export function fileOfPieces(pieces: string[], invalid: () => DomainError): Buffer {
  const text = pieces.join('');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw invalid();
  return Buffer.from(text, 'base64');
}
