/** The message a renderer posts (with a MessagePort) to ask the preload for a connection. */
export const CONNECT_MESSAGE = 'stoxrobot:connect';
/** The IPC channel the preload forwards that port on, to the main process. */
export const PORT_CHANNEL = 'stoxrobot:port';
