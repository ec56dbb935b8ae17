import type { MessagePortMain, UtilityProcess } from 'electron';
import type { FromEngineHost, ToEngineHost } from '../engine/host/host-protocol.ts';

type EngineChild = Pick<UtilityProcess, 'on' | 'once' | 'postMessage' | 'kill'>;
export type EngineStarted = Extract<FromEngineHost, { type: 'ready' | 'failed' }>;

export interface EngineProcess {
  /** `ready`, or `failed` with why (an engine process that dies before its first word fails too). */
  started: Promise<EngineStarted>;
  /** Gives a renderer's port to the engine, which serves the contract on it. */
  handOver(port: MessagePortMain): void;
  /** Tells the engine the computer woke from sleep (it reconciles every account with its venue). */
  wake(): void;
  /** The menu item or the global shortcut: the engine blocks every new entry (the trader picks a higher level in the window). False: no engine runs to tell. */
  emergencyStop(source: 'menu' | 'shortcut'): boolean;
  /** Asks the engine to stop cleanly and waits for its process to end; kills it after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
  /** Called with each notification the engine asks the desktop to show. */
  onNotify(listener: (notification: { title: string; body: string }) => void): void;
  /** Answers the engine's "where should this export go?" with the save dialog's choice (null: closed). */
  onChooseExportFile(choose: (suggestedName: string) => Promise<string | null>): void;
  /** Called when the engine process ends without being asked to. */
  onUnexpectedExit(listener: (code: number) => void): void;
}

/** The main process's side of the engine's utility process (started by the caller with `utilityProcess.fork`). */
export function engineProcess(child: EngineChild): EngineProcess {
  let stopping = false;
  let exited = false;
  const exit = new Promise<number>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const send = (message: ToEngineHost, ports?: MessagePortMain[]) => child.postMessage(message, ports);
  const started = new Promise<EngineStarted>((resolve) => {
    child.on('message', (message: FromEngineHost) => {
      if (message.type === 'ready' || message.type === 'failed') resolve(message);
    });
    void exit.then((code) => resolve({ type: 'failed', failure: { kind: 'unknown', detail: `The engine process ended (exit code ${code}) before it was ready.` } }));
  });
  return {
    started,
    handOver: (port) => send({ type: 'connect' }, [port]),
    wake: () => {
      if (!exited && !stopping) send({ type: 'wake' });
    },
    emergencyStop: (source) => {
      if (exited || stopping) return false;
      send({ type: 'emergencyStop', source });
      return true;
    },
    stop: async (timeoutMs = 15_000) => {
      if (exited) return;
      stopping = true;
      send({ type: 'stop' });
      // SQLite commits are atomic, so a kill after a hung stop loses nothing already committed.
      const timer = setTimeout(() => child.kill(), timeoutMs);
      await exit;
      clearTimeout(timer);
    },
    onNotify: (listener) => {
      child.on('message', (message: FromEngineHost) => {
        if (message.type === 'notify') listener({ title: message.title, body: message.body });
      });
    },
    onChooseExportFile: (choose) => {
      child.on('message', (message: FromEngineHost) => {
        if (message.type !== 'chooseExportFile') return;
        // A dialog that fails to open is a closed one: the export ends with nothing saved.
        void choose(message.suggestedName)
          .catch(() => null)
          .then((file) => !exited && send({ type: 'exportFileChosen', id: message.id, file }));
      });
    },
    onUnexpectedExit: (listener) => {
      void exit.then((code) => {
        if (!stopping) listener(code);
      });
    },
  };
}
