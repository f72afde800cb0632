/** Files crossing the contract travel as base64; these turn them into something a person can save. */
export function base64ToBlob(base64: string, mime: string): Blob {
  return new Blob([base64ToArrayBuffer(base64)], { type: mime || 'application/octet-stream' });
}

export function base64ToArrayBuffer(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/**
 * Browser mode downloads the file; in the desktop app Electron turns the same download into a
 * "Save as" dialog, so one code path serves both.
 */
export function saveFile(file: { fileName: string; mime: string; dataBase64: string }) {
  const url = URL.createObjectURL(base64ToBlob(file.dataBase64, file.mime));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The bytes of a file the user chose, as base64 (what attachments and imports carry). */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`Không đọc được tệp "${file.name}"`));
    reader.readAsDataURL(file);
  });
}
