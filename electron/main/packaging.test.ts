import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

describe('package metadata', () => {
  it('requires the Node that runs TypeScript sources directly (22.18), and the README says the same', () => {
    expect(pkg.engines.node).toBe('>=22.18');
    expect(readFileSync('README.md', 'utf8')).toContain('22.18 at the least');
  });

  it('names the maintainer e-mail and the homepage a .deb package must carry', () => {
    expect(pkg.author.email).toMatch(/^[^\s@]+@[^\s@]+\.[a-z]+$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
  });
});
