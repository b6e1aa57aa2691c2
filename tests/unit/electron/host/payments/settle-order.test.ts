import { afterEach, describe, expect, it } from 'vitest';
import { SimPaymentTerminal } from '../../../../../electron/host/hardware/payment-terminal.sim';
import { settleOrder } from '../../../../../electron/host/payments/settle-order';

const terminals: SimPaymentTerminal[] = [];
afterEach(() => {
  for (const t of terminals.splice(0)) t.close();
});

async function withOrder(orderId = 'ORD-1'): Promise<SimPaymentTerminal> {
  const terminal = new SimPaymentTerminal({ validityMs: 60_000 });
  terminals.push(terminal);
  expect((await terminal.createPayment({ orderId, amountFen: 1500, description: 'test' })).code).toBe('success');
  return terminal;
}

describe('settleOrder', () => {
  it('closes an order that is still payable, so the code on it can no longer be paid', async () => {
    const terminal = await withOrder();
    expect(await settleOrder(terminal, 'ORD-1')).toEqual({ kind: 'closed', status: 'canceled' });
    expect(terminal.pay('ORD-1')).toBe(false);
  });

  it('finds the money of an order paid before it was asked about', async () => {
    const terminal = await withOrder();
    terminal.pay('ORD-1');
    const settled = await settleOrder(terminal, 'ORD-1');
    expect(settled.kind).toBe('paid');
    expect(settled.kind === 'paid' && settled.outcome.amountFen).toBe(1500);
  });

  it('an order paid between the question and the cancel is paid, not closed', async () => {
    const terminal = await withOrder();
    const cancel = terminal.cancel.bind(terminal);
    // The resident's phone wins the race: the cancel arrives after the payment.
    terminal.cancel = async (orderId) => {
      terminal.pay(orderId);
      return cancel(orderId);
    };
    expect((await settleOrder(terminal, 'ORD-1')).kind).toBe('paid');
  });

  it('an order the acquirer never saw could not be paid: canceled', async () => {
    const terminal = await withOrder();
    expect(await settleOrder(terminal, 'NEVER-SENT')).toEqual({ kind: 'closed', status: 'canceled' });
  });

  it('a terminal that cannot be reached leaves the order in doubt', async () => {
    const terminal = await withOrder();
    terminal.setDevice('offline');
    const settled = await settleOrder(terminal, 'ORD-1');
    expect(settled).toEqual({ kind: 'inDoubt', code: 'deviceNotReady' });
  });
});
