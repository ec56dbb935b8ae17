/** The house's import rules (../shared/ARCHITECTURE.md), checked in `npm test`. */
const NODE_BUILTINS = { dependencyTypes: ['core'] };

module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ runs in the engine and the renderer: zod and the contract package only, no Node, DOM or Electron.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '^node_modules/(zod|@orpc/contract)/'] },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '^shared/' },
      to: NODE_BUILTINS,
    },
    {
      name: 'engine-no-electron-or-react',
      comment: 'The engine must run in plain Node (tests, headless host).',
      severity: 'error',
      from: { path: '^electron/engine/' },
      to: { path: ['^node_modules/(electron|react|react-dom|zustand|lightweight-charts)/', '^electron/(main|preload|headless)/', '^renderer/'] },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer reaches the engine only through the contract.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^electron/', '^node_modules/electron/'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: NODE_BUILTINS,
    },
    {
      name: 'ccxt-only-in-its-adapter',
      severity: 'error',
      from: { pathNot: '^electron/engine/venues/ccxt/' },
      to: { path: '^node_modules/ccxt/' },
    },
    {
      name: 'keytar-only-in-secrets',
      comment: 'keytar is archived upstream: it stays behind the SecretStore port, in one place.',
      severity: 'error',
      from: { pathNot: '^electron/engine/secrets/' },
      to: { path: '^node_modules/keytar/' },
    },
    {
      name: 'headless-no-electron',
      severity: 'error',
      from: { path: '^electron/headless/' },
      to: { path: ['^node_modules/electron/', '^electron/(main|preload)/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$|/testing/' },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
