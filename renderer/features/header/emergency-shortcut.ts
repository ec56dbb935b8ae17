/** Ctrl+Shift+X (Cmd+Shift+X on a Mac) opens the emergency stop: the same keys as the desktop app's global shortcut. */
export function isEmergencyShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'x';
}
