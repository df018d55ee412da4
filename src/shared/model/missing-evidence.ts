/**
 * A row of "what is missing from the bundle". A leaf module: the message catalogue reads these texts without
 * importing the result model (which imports the catalogue).
 */
export interface MissingEvidence {
  what: string;
  why: string;
  howToCollect: string;
  /** The same three in Dutch. */
  whatNl?: string;
  whyNl?: string;
  howToCollectNl?: string;
}
