import xmlenc from "xml-encryption";
import { SamlError } from "./errors";
import { descendants, NS, serialize } from "./xml";

const RSA_1_5 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
const KEY_TRANSPORTS = new Set(["http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p", "http://www.w3.org/2009/xmlenc11#rsa-oaep"]);
const CONTENT_CIPHERS = new Set([
  "http://www.w3.org/2009/xmlenc11#aes128-gcm",
  "http://www.w3.org/2009/xmlenc11#aes256-gcm",
  "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
  "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
]);

/**
 * Decrypts an EncryptedAssertion with the SP key: AES-GCM or AES-CBC content, RSA-OAEP key transport.
 * RSA PKCS#1 v1.5 key transport is refused unless the connection opts in (check 11).
 */
export function decryptAssertion(encrypted: Element, options: { privateKey?: string; allowRsa15: boolean }): string {
  if (!options.privateKey) throw new SamlError("encrypted_assertion_unreadable", "no SP decryption key is configured");
  const keyAlgorithms = descendants(encrypted, NS.xenc, "EncryptedKey").map(
    (key) => Array.from(key.childNodes as unknown as ArrayLike<Node>).find((n) => (n as Element).localName === "EncryptionMethod") as Element | undefined,
  );
  if (keyAlgorithms.length === 0) throw new SamlError("encrypted_assertion_unreadable", "no EncryptedKey");
  for (const method of keyAlgorithms) {
    const algorithm = method?.getAttribute("Algorithm") ?? "";
    if (algorithm === RSA_1_5 && !options.allowRsa15) throw new SamlError("insecure_key_transport", algorithm);
    if (algorithm !== RSA_1_5 && !KEY_TRANSPORTS.has(algorithm))
      throw new SamlError("encrypted_assertion_unreadable", `unsupported key transport ${algorithm}`);
  }
  const dataMethod = descendants(encrypted, NS.xenc, "EncryptedData")[0]?.getElementsByTagNameNS(NS.xenc, "EncryptionMethod")[0];
  const cipher = dataMethod?.getAttribute("Algorithm") ?? "";
  if (!CONTENT_CIPHERS.has(cipher)) throw new SamlError("encrypted_assertion_unreadable", `unsupported content encryption ${cipher || "(none)"}`);
  let result: { error: Error | null; value?: string } = { error: new Error("decryption did not finish") };
  // xml-encryption reports through a callback but completes synchronously.
  xmlenc.decrypt(
    serialize(encrypted),
    // Our own checks above decide which algorithms are acceptable (AES-CBC must decrypt; the library refuses it by default).
    { key: options.privateKey, disallowDecryptionWithInsecureAlgorithm: false, warnInsecureAlgorithm: false },
    (error: Error | null, value?: string) => {
      result = { error, value };
    },
  );
  if (result.error || !result.value) throw new SamlError("encrypted_assertion_unreadable", result.error?.message);
  return result.value;
}
