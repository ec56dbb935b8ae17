import { describe, expect, it } from 'vitest';
import { buildAlertMessage, PASSPHRASE_PLACEHOLDER, renderPlaceholders, type AlertTemplate } from './alert-message.ts';

const template: AlertTemplate = { botId: 'bot-1', passphrase: 'pw', action: 'strategy', amount: 'strategy', amountType: 'contracts', orderType: 'market', stopLoss: '2%', takeProfit: '' };

describe('alert message builder', () => {
  it('produces valid JSON with every placeholder quoted', () => {
    const message = buildAlertMessage(template);
    const parsed = JSON.parse(message) as Record<string, string>;
    expect(parsed).toEqual({
      passphrase: 'pw',
      bot: 'bot-1',
      action: '{{strategy.order.action}}',
      ticker: '{{ticker}}',
      amount: '{{strategy.order.contracts}}',
      amount_type: 'contracts',
      position_size: '{{strategy.position_size}}',
      stop_loss: '2%',
      id: '{{strategy.order.id}}-{{timenow}}',
      time: '{{timenow}}',
    });
  });

  it('stays valid JSON when TradingView renders a placeholder empty', () => {
    const rendered = buildAlertMessage({ ...template, orderType: 'limit' }).replace(/\{\{[a-z_.]+\}\}/g, '');
    expect(() => JSON.parse(rendered)).not.toThrow();
  });

  it('leaves a visible placeholder when the passphrase is not known', () => {
    expect(JSON.parse(buildAlertMessage({ ...template, passphrase: '' })).passphrase).toBe(PASSPHRASE_PLACEHOLDER);
  });

  it('renders placeholders as TradingView would for a test alert', () => {
    const rendered = renderPlaceholders(buildAlertMessage({ ...template, action: 'long', amount: '' }), { ticker: 'SOLUSDT', close: 150.25, size: 1, now: new Date('2026-11-23T14:00:00Z') });
    expect(JSON.parse(rendered)).toMatchObject({ action: 'long', ticker: 'SOLUSDT', id: 'SOLUSDT-2026-11-23T14:00:00.000Z', time: '2026-11-23T14:00:00.000Z' });
  });
});
