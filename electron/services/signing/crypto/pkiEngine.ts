// @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect metadata API first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';
import { webcrypto } from 'node:crypto';

/**
 * pkijs and @peculiar/x509 both work on WebCrypto; under Node (desktop main process, CLI, intake
 * server) that is node:crypto's. Importing this module sets both once, before any CMS or
 * certificate work.
 */
const crypto = webcrypto as unknown as Crypto;
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto }));
x509.cryptoProvider.set(crypto);

export { pkijs, x509 };
