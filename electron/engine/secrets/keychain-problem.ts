/** What went wrong, in a trader's words, from the text keytar's rejected promise carries. */
const REASONS: readonly [RegExp, string][] = [
  [/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect|Failed to connect|NoServer|FileNotFound|Spawn/i, 'there is no D-Bus session for a keyring to answer on'],
  [/locked/i, 'the keyring is locked'],
  [/Object does not exist|No such secret collection|collection/i, 'there is no default ("login") keyring'],
  [/Cannot find module|keytar\.node|dlopen|libsecret|compiled against/i, 'the keychain library could not be loaded'],
];

export const KEYCHAIN_HELP =
  'Start and unlock your keyring (Linux: gnome-keyring or KWallet, unlocked at login; macOS: Keychain Access; Windows: Credential Manager), then try again. ' +
  'On a server without a keychain, give an account\'s keys in environment variables such as STOXROBOT_<ACCOUNT>_APIKEY and STOXROBOT_<ACCOUNT>_SECRET, read when StoxRobot starts. ' +
  'Paper trading works; exchange keys cannot be stored, and are never kept in clear text.';

/** The one message for every way the keychain can be unusable; the library's own text goes to the log only. */
export function keychainProblem(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const reason = REASONS.find(([pattern]) => pattern.test(text))?.[1] ?? 'the keychain did not answer';
  return `No usable keychain: ${reason}. ${KEYCHAIN_HELP}`;
}
