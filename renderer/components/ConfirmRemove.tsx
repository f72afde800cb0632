import { useState } from 'react';

interface Props {
  onConfirm: () => void;
  disabled?: boolean;
  title?: string;
}

/** "Xóa" asks once more on the page itself ("Xác nhận xóa" / "Hủy"), never through a browser dialog. */
export function ConfirmRemove({ onConfirm, disabled, title }: Props) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="secondary small" title={title} onClick={() => setConfirming(true)}>
        Xóa
      </button>
    );
  }
  return (
    <>
      <button type="button" className="danger small" disabled={disabled} onClick={onConfirm}>
        Xác nhận xóa
      </button>
      <button type="button" className="secondary small" onClick={() => setConfirming(false)}>
        Hủy
      </button>
    </>
  );
}
