import type { KeychainStatus } from '../../../shared/domain/account.ts';

/** Says, while the keychain is unusable, why and what to do; keys given to a headless host in its environment are named (never shown). */
export function KeychainBanner({ keychain }: { keychain: KeychainStatus | null }) {
  if (!keychain || keychain.usable) return null;
  return (
    <div className="banner" role="alert" data-testid="keychain-banner">
      <p style={{ margin: 0 }}>{keychain.message}</p>
      {keychain.environmentAccounts.length > 0 && <p style={{ margin: '4px 0 0' }}>This host was given keys in its environment for: {keychain.environmentAccounts.join(', ')}.</p>}
    </div>
  );
}
