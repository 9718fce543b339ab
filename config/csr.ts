/**
 * Certificate signing requests of Client VPN users who keep their own key (`clientVpn.users[]` as
 * `{ name, csr }`): reading the file named in the config, and what the PKI workspace needs to know
 * before it signs one. Node's crypto parses certificates and public keys but not PKCS #10 requests
 * (RFC 2986), so the request's outer DER structure is walked here: just enough to find the subject's
 * common names, the public key and the signature. No new dependency for three fields.
 *
 * What the tls provider does with a request (tls_locally_signed_cert): it decodes the first PEM block,
 * which must be labelled exactly `CERTIFICATE REQUEST`, copies the subject and the DNS names, IP
 * addresses and URIs into the certificate, and signs the request's public key; it does not check the
 * request's own signature, and a changed `cert_request_pem` replaces the certificate.
 * https://github.com/hashicorp/terraform-provider-tls/blob/main/internal/provider/resource_locally_signed_cert.go
 */
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CLIENT_VPN_RSA_BITS } from '../lib/aws/client-vpn';

/** The PEM label the tls provider accepts for `cert_request_pem` (Go's `PreambleCertificateRequest`). */
export const CSR_PEM_LABEL = 'CERTIFICATE REQUEST';

/** Key type and size a Client VPN client certificate may carry (RSA 1024 or 2048; this project uses 2048 only: lib/aws/client-vpn.ts). */
export const CSR_RSA_BITS = CLIENT_VPN_RSA_BITS;

/** The command a user runs to make a request this project accepts; `<user>` is their user name. */
export const csrCommand = (user: string): string =>
  `openssl req -new -newkey rsa:${CSR_RSA_BITS} -nodes -keyout ${user}.key -out ${user}.csr -subj "/CN=${user}"`;

/** What a request says about itself. */
export interface CertificateRequestInfo {
  /** The one `CERTIFICATE REQUEST` block, re-encoded canonically (64-column base64, `\n`, trailing newline). */
  readonly pem: string;
  /** Every common name (2.5.4.3) of the subject, in order. */
  readonly commonNames: readonly string[];
  /** `rsa`, `ec`, `ed25519`, … as Node names it. */
  readonly keyType: string;
  /** RSA modulus length in bits, when RSA. */
  readonly keyBits?: number;
  /** Whether the request's signature verifies with its own public key (proof that its maker holds the key). */
  readonly signature: 'valid' | 'invalid' | 'unsupported';
}

/** Why a text is not a usable request. */
export interface CertificateRequestProblem {
  readonly problem: string;
}

interface Tlv {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly start: number;
  /** Offset of the first content byte. */
  readonly body: number;
  /** Offset after the last content byte. */
  readonly end: number;
}

/** One DER tag-length-value at `offset` (definite lengths only, as DER requires). */
function tlv(der: Buffer, offset: number): Tlv {
  if (offset + 2 > der.length) throw new Error('truncated');
  const tag = der[offset];
  let length = der[offset + 1];
  let body = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || body + count > der.length) throw new Error('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[body + i];
    body += count;
  }
  const end = body + length;
  if (end > der.length) throw new Error('truncated');
  return { tag, start: offset, body, end };
}

/** The children of a constructed TLV. */
function children(der: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.body; at < parent.end; ) {
    const child = tlv(der, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

const SEQUENCE = 0x30;
const SET = 0x31;
const OID = 0x06;
const BIT_STRING = 0x03;
/** 2.5.4.3 commonName, DER-encoded content. */
const CN_OID = Buffer.from([0x55, 0x04, 0x03]);
/** RSA PKCS #1 v1.5 signature algorithms (1.2.840.113549.1.1.x) → digest. */
const RSA_SIGNATURES: Readonly<Record<number, string>> = { 5: 'sha1', 11: 'sha256', 12: 'sha384', 13: 'sha512', 14: 'sha224' };
const PKCS1_PREFIX = Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01]);
/** ECDSA with SHA-2 (1.2.840.10045.4.3.x) → digest. */
const ECDSA_SIGNATURES: Readonly<Record<number, string>> = { 2: 'sha256', 3: 'sha384', 4: 'sha512' };
const ECDSA_PREFIX = Buffer.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03]);

/** A directory string (UTF8String, PrintableString, IA5String, T61String, BMPString) as text. */
function directoryString(der: Buffer, value: Tlv): string {
  const bytes = der.subarray(value.body, value.end);
  // BMPString is UCS-2 big-endian; swap16 throws on an odd length, which the caller reports as malformed.
  if (value.tag === 0x1e) return Buffer.from(bytes).swap16().toString('utf16le');
  return bytes.toString(value.tag === 0x14 ? 'latin1' : 'utf8');
}

function digestOf(der: Buffer, algorithm: Tlv): string | undefined {
  const oid = children(der, algorithm)[0];
  if (!oid || oid.tag !== OID) return undefined;
  const bytes = der.subarray(oid.body, oid.end);
  const last = bytes[bytes.length - 1];
  const prefix = bytes.subarray(0, bytes.length - 1);
  if (prefix.equals(PKCS1_PREFIX)) return RSA_SIGNATURES[last];
  if (prefix.equals(ECDSA_PREFIX)) return ECDSA_SIGNATURES[last];
  return undefined;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n?-----END \1-----/g;

/**
 * Parses a PEM certificate signing request: one `CERTIFICATE REQUEST` block (text around it, such as
 * the output of `openssl req -text`, is allowed) and nothing holding a key.
 */
export function inspectCertificateRequest(text: string): CertificateRequestInfo | CertificateRequestProblem {
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1], body: m[2] }));
  if (blocks.some((b) => b.label.includes('PRIVATE KEY'))) {
    return { problem: 'holds a PRIVATE KEY block: the request must be the only thing in the file, and a key in the repository is compromised' };
  }
  const requests = blocks.filter((b) => b.label === CSR_PEM_LABEL);
  if (requests.length === 0) {
    const found = blocks.length > 0 ? `it holds ${blocks.map((b) => `"${b.label}"`).join(', ')}` : 'it has no PEM block';
    return { problem: `is not a PEM certificate signing request (no -----BEGIN ${CSR_PEM_LABEL}----- block; ${found})` };
  }
  if (blocks.length > 1) return { problem: `holds ${blocks.length} PEM blocks; the tls provider reads only the first, so keep the one ${CSR_PEM_LABEL}` };
  const body = requests[0].body;
  if (!/^[A-Za-z0-9+/=\s]+$/.test(body)) return { problem: `has a ${CSR_PEM_LABEL} block that is not base64 (PEM headers or an encrypted request are not accepted)` };
  const der = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  try {
    const outer = tlv(der, 0);
    if (outer.tag !== SEQUENCE || outer.end !== der.length) throw new Error('not one SEQUENCE');
    const [info, algorithm, signature] = children(der, outer);
    if (!info || info.tag !== SEQUENCE || !algorithm || algorithm.tag !== SEQUENCE || !signature || signature.tag !== BIT_STRING) throw new Error('not a PKCS #10 request');
    const [, subject, spki] = children(der, info);
    if (!subject || subject.tag !== SEQUENCE || !spki || spki.tag !== SEQUENCE) throw new Error('no subject or public key');
    const commonNames: string[] = [];
    for (const rdn of children(der, subject)) {
      if (rdn.tag !== SET) throw new Error('bad subject');
      for (const atv of children(der, rdn)) {
        const [type, value] = children(der, atv);
        if (type?.tag === OID && value && der.subarray(type.body, type.end).equals(CN_OID)) commonNames.push(directoryString(der, value));
      }
    }
    const key = createPublicKey({ key: der.subarray(spki.start, spki.end), format: 'der', type: 'spki' });
    const digest = digestOf(der, algorithm);
    // The first content byte of a BIT STRING counts the unused bits (0 for a signature).
    const sig = der.subarray(signature.body + 1, signature.end);
    const valid = digest === undefined ? undefined : verify(digest, der.subarray(info.start, info.end), key, sig);
    const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
    return {
      pem: `-----BEGIN ${CSR_PEM_LABEL}-----\n${lines.join('\n')}\n-----END ${CSR_PEM_LABEL}-----\n`,
      commonNames,
      keyType: key.asymmetricKeyType ?? 'unknown',
      keyBits: key.asymmetricKeyDetails?.modulusLength,
      signature: valid === undefined ? 'unsupported' : valid ? 'valid' : 'invalid',
    };
  } catch (e) {
    return { problem: `is not a valid PKCS #10 certificate signing request (${(e as Error).message})` };
  }
}

/** A request file as the config names it: the path resolved against the config's directory, and its text. */
export type CertificateRequestFile = { readonly file: string; readonly text: string } | { readonly file: string; readonly problem: string };

/** Reads the request a config names, relative to the directory of the config file (an absolute path is kept). */
export function readCertificateRequestFile(configDir: string, csr: string): CertificateRequestFile {
  const file = path.resolve(configDir, csr);
  try {
    // Checked before reading, so that a device or a pipe (/dev/zero) cannot hang validation.
    const stat = statSync(file);
    if (stat.isDirectory()) return { file, problem: `is a directory (${file})` };
    if (!stat.isFile()) return { file, problem: `is not a regular file (${file})` };
    if (stat.size > MAX_CSR_BYTES) return { file, problem: `is ${stat.size} bytes; a certificate signing request is about 1 KB (at most ${MAX_CSR_BYTES} bytes accepted)` };
    return { file, text: readFileSync(file, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { file, problem: code === 'ENOENT' ? `does not exist (looked for ${file})` : `cannot be read (${(e as Error).message})` };
  }
}

/** Largest request file read: an RSA 2048 request is about 1 KB, with `openssl req -text` output about 4 KB. */
const MAX_CSR_BYTES = 64 * 1024;

/**
 * The canonical PEM of a request the config names, for the PKI construct. Validation has already
 * checked the file; a problem here means the file changed since, which is an error.
 */
export function certificateRequestPem(configDir: string, csr: string): string {
  const read = readCertificateRequestFile(configDir, csr);
  if ('problem' in read) throw new Error(`certificate signing request ${csr} ${read.problem}`);
  const info = inspectCertificateRequest(read.text);
  if ('problem' in info) throw new Error(`certificate signing request ${csr} ${info.problem}`);
  return info.pem;
}
