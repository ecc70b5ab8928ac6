/** Bumped on any incompatible change to the wire protocol; sent in every hello. */
export const PROTOCOL_VERSION = 1;
