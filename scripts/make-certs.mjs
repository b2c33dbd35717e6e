// Makes a throwaway certificate authority and one certificate for the two demo sites (localhost and
// 127.0.0.1) with Debian's openssl. Private keys are written only to the folder given (a temporary folder
// for tests, the gitignored .certs/ for `npm run start:https`) and are never committed.
// Uses only node: built-ins.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Long enough for a local folder that is reused for months; short enough that a leaked key soon means nothing. */
const VALID_DAYS = 90;
const SUBJECT_ALT_NAMES = 'DNS:localhost,IP:127.0.0.1,IP:::1';

/**
 * @typedef {{ dir: string, caPath: string, key: Buffer, cert: Buffer, ca: Buffer }} LocalCerts
 */

/**
 * Returns the certificates in `dir`, making them first if they are missing.
 * @param {string} dir
 * @returns {LocalCerts}
 */
export function ensureLocalCerts(dir) {
  const paths = {
    caKey: join(dir, 'ca-key.pem'),
    caPath: join(dir, 'ca.pem'),
    key: join(dir, 'site-key.pem'),
    csr: join(dir, 'site.csr'),
    cert: join(dir, 'site.pem'),
    ext: join(dir, 'site.ext'),
  };
  if (![paths.caPath, paths.key, paths.cert].every((path) => existsSync(path))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const openssl = (...args) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', paths.caKey, '-out', paths.caPath,
        '-days', String(VALID_DAYS), '-subj', '/CN=scdk local test CA',
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
      openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', paths.key, '-out', paths.csr, '-subj', '/CN=localhost');
      writeFileSync(paths.ext, `subjectAltName=${SUBJECT_ALT_NAMES}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`);
      openssl('x509', '-req', '-in', paths.csr, '-CA', paths.caPath, '-CAkey', paths.caKey, '-CAcreateserial',
        '-out', paths.cert, '-days', String(VALID_DAYS), '-extfile', paths.ext);
    } catch (error) {
      const hint = error && error.code === 'ENOENT' ? ' openssl is missing: sudo apt-get install openssl.' : '';
      throw new Error(`Could not make local certificates in ${dir}: ${error && error.message}.${hint}`);
    }
  }
  return {
    dir,
    caPath: paths.caPath,
    key: readFileSync(paths.key),
    cert: readFileSync(paths.cert),
    ca: readFileSync(paths.caPath),
  };
}
