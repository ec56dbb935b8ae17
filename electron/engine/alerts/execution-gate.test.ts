import { describe, expect, it } from 'vitest';
import { ExecutionGate } from './execution-gate.ts';

const recorder = () => {
  const ran: string[] = [];
  const act = (name: string) => () => {
    ran.push(name);
    return Promise.resolve();
  };
  return { ran, act };
};
const noErrors = (error: unknown) => {
  throw error;
};

describe('execution gate: answers before orders', () => {
  it('holds executions while other alerts wait for their answer, then starts them in order', () => {
    const gate = new ExecutionGate(noErrors, 60_000);
    const { ran, act } = recorder();
    gate.owe();
    gate.owe();
    gate.hold(act('first'));
    gate.paid();
    gate.hold(act('second'));
    expect(ran).toEqual([]);
    gate.paid();
    expect(ran).toEqual(['first', 'second']);
  });

  it('starts an execution at once when no answer is owed', () => {
    const gate = new ExecutionGate(noErrors, 60_000);
    const { ran, act } = recorder();
    gate.hold(act('alone'));
    expect(ran).toEqual(['alone']);
  });

  it('never holds an execution past its limit, so a steady stream of alerts cannot starve trading', async () => {
    const gate = new ExecutionGate(noErrors, 20);
    const { ran, act } = recorder();
    gate.owe();
    gate.hold(act('held'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ran).toEqual(['held']);
  });

  it('reports a failed execution and runs the ones after it', () => {
    const errors: unknown[] = [];
    const gate = new ExecutionGate((error) => errors.push(error), 60_000);
    const { ran, act } = recorder();
    gate.owe();
    gate.hold(() => Promise.reject(new Error('venue down')));
    gate.hold(act('next'));
    gate.release();
    expect(ran).toEqual(['next']);
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => expect(errors).toEqual([new Error('venue down')]));
  });
});
