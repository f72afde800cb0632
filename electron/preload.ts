import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, methodNames } from '../shared/api.ts';
import { CANCEL_CHANNEL, PROGRESS_CHANNEL, type CallProgress } from '../shared/api/progress.ts';

// window.baocao[method](input, callId): one function per contract entry, generated from the table.
const bridge = Object.fromEntries(
  methodNames.map((name) => [
    name,
    (input: unknown, callId?: string) => ipcRenderer.invoke(ipcChannel(name), input, callId),
  ]),
);
contextBridge.exposeInMainWorld('baocao', bridge);

// window.baocaoCalls: progress of long calls, and "Hủy" (shared/api/progress.ts).
contextBridge.exposeInMainWorld('baocaoCalls', {
  onProgress(listener: (p: CallProgress) => void) {
    const handler = (_event: unknown, p: CallProgress) => listener(p);
    ipcRenderer.on(PROGRESS_CHANNEL, handler);
    return () => ipcRenderer.removeListener(PROGRESS_CHANNEL, handler);
  },
  cancel(callId: string) {
    ipcRenderer.send(CANCEL_CHANNEL, callId);
  },
});
