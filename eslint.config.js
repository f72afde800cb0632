import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'better-sqlite3'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', '**/electron/**'] }],
    },
  },
  {
    // shared/ is pure: it runs in the renderer, the main process and the server alike.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeBuiltins, 'electron', '**/electron/**', '**/renderer/**'] },
      ],
    },
  },
  {
    // electron-builder loads its hooks with require().
    files: ['scripts/packaging/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Electron's security checklist as lint rules, for whatever the hardening test cannot see.
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'Property[key.name=/^(nodeIntegration|nodeIntegrationInWorker|nodeIntegrationInSubFrames|allowRunningInsecureContent|experimentalFeatures|webviewTag|enableBlinkFeatures|enableRemoteModule)$/][value.value=true]',
          message: 'Không bật tính năng này trong cửa sổ BaoCao (Electron security checklist).',
        },
        {
          selector: 'Property[key.name=/^(contextIsolation|sandbox|webSecurity)$/][value.value=false]',
          message: 'contextIsolation, sandbox và webSecurity luôn bật (Electron security checklist).',
        },
        {
          selector: "MemberExpression[object.name='shell'][property.name='openExternal']",
          message: 'Chỉ mở liên kết ngoài qua openExternal() của main.ts (kiểm tra https trước).',
        },
        {
          selector: "CallExpression[callee.property.name='loadURL'] > Literal[value=/^(https?|file):/]",
          message: 'Cửa sổ chỉ tải trang của chính BaoCao (app://baocao/), không tải nội dung từ xa.',
        },
        {
          selector: "CallExpression[callee.property.name='loadFile']",
          message: 'Trang được phục vụ qua app://baocao/ (protocol.handle), không qua file://.',
        },
        {
          selector:
            "CallExpression[callee.property.name='setPermissionRequestHandler'] CallExpression[callee.name='callback'] > Literal[value=true]",
          message: 'Mọi yêu cầu quyền (camera, vị trí…) đều bị từ chối.',
        },
      ],
    },
  },
  {
    // Only the thin shell may load Electron: everything else must run under plain Node.
    files: [
      'electron/services/**/*.ts',
      'electron/shell/**/*.ts',
      'electron/web.ts',
      'server/**/*.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
);
