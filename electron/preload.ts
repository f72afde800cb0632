import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, methodNames } from '../shared/api.ts';

// window.baocao[method](input): one function per contract entry, generated from the table.
const bridge = Object.fromEntries(
  methodNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
);
contextBridge.exposeInMainWorld('baocao', bridge);
