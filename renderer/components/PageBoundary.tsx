import { Component, type ErrorInfo, type ReactNode } from 'react';
import { call } from '../api.ts';

/** What the contract's text rule accepts: no control or invisible characters, NFC, within length. */
function plain(s: string, max: number, lines = true): string {
  const cleaned = s
    .normalize('NFC')
    .replace(lines ? /[^\P{C}\n\t]/gu : /\p{C}/gu, '?')
    .slice(0, max);
  return cleaned.trim() ? cleaned : '?';
}

/** Sends a renderer error to the main process's log (logs.report); never throws. */
export function reportRendererError(page: string, error: unknown, extra = ''): void {
  const e = error instanceof Error ? error : new Error(String(error));
  call('logs.report', {
    page: plain(page, 100, false),
    message: plain(e.message, 2000),
    stack: plain(`${e.stack ?? ''}\n${extra}`, 8000),
  }).catch(() => {
    // Logging must not become a second error on the screen.
  });
}

interface Props {
  /** Which page, for the log line ("report", "settings", …). */
  page: string;
  children: ReactNode;
}

/**
 * Around each page: a bug while rendering one page shows a message in its place, keeps the menu
 * (so the person can go elsewhere), offers "Tải lại", and sends the error to the main process's
 * log through the contract (logs.report) so that "Xuất nhật ký lỗi" carries it to support.
 */
export class PageBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    reportRendererError(this.props.page, error, info.componentStack ?? '');
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page-error" role="alert">
        <h1>Đã xảy ra lỗi khi hiển thị trang này</h1>
        <p>
          Dữ liệu đã lưu không bị ảnh hưởng. Hãy bấm «Tải lại»; nếu lỗi lặp lại, hãy chọn trang khác trên
          thanh bên và gửi nhật ký lỗi cho bộ phận hỗ trợ.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Tải lại
        </button>
      </div>
    );
  }
}

/** Test web host only (renderer/testHooks.ts): a page that throws while rendering. */
export function ThrowingPage(): never {
  throw new Error('Trang thử nghiệm cố ý gây lỗi khi hiển thị');
}
