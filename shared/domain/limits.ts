/** Bounds every string crossing the contract, so a huge payload is refused before it is stored. */
export const MAX_NAME_LENGTH = 80;
export const MAX_ID_LENGTH = 64;
export const MAX_SYMBOL_LENGTH = 32;
export const MAX_LIST_LIMIT = 5000;
