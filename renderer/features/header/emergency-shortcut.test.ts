import { describe, expect, it } from 'vitest';
import { isEmergencyShortcut } from './emergency-shortcut.ts';

const keys = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>>) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('the emergency stop shortcut', () => {
  it('is Ctrl+Shift+X or Cmd+Shift+X, whatever the case the key reports', () => {
    expect(isEmergencyShortcut(keys('X', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isEmergencyShortcut(keys('x', { metaKey: true, shiftKey: true }))).toBe(true);
  });
  it('is not X alone, Ctrl+X (cut), Shift+X or with Alt', () => {
    expect(isEmergencyShortcut(keys('x', {}))).toBe(false);
    expect(isEmergencyShortcut(keys('x', { ctrlKey: true }))).toBe(false);
    expect(isEmergencyShortcut(keys('X', { shiftKey: true }))).toBe(false);
    expect(isEmergencyShortcut(keys('X', { ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
  });
});
