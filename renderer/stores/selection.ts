const HASH_KEY = 'bot';
const STORAGE_KEY = 'stoxrobot.selectedBot';

/**
 * The selected bot survives a reload (it is in the address: `#bot=<id>`) and a new tab opened
 * from the host's printed link (it is also kept in localStorage).
 */
export function savedSelection(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get(HASH_KEY);
  return fromHash || localStorage.getItem(STORAGE_KEY);
}

export function saveSelection(botId: string | null): void {
  const params = new URLSearchParams(location.hash.slice(1));
  if (botId) params.set(HASH_KEY, botId);
  else params.delete(HASH_KEY);
  const hash = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`);
  if (botId) localStorage.setItem(STORAGE_KEY, botId);
  else localStorage.removeItem(STORAGE_KEY);
}
