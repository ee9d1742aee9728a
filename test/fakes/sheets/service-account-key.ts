// A throwaway service-account key for tests: an RSA key made now, written as Google's JSON key format.
import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestServiceAccount {
  keyFile: string;
  clientEmail: string;
  publicKey: KeyObject;
}

let keyPair: { publicKey: string; privateKey: string } | undefined;

/** A new key file in a new temp dir; the RSA pair is made once per test process (it takes ~0.1-1 s). */
export function makeServiceAccountKey(): TestServiceAccount {
  keyPair ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const pair = keyPair;
  const publicKey = createPublicKey(pair.publicKey);
  const clientEmail = "ronald-pump@test-project.iam.gserviceaccount.com";
  const dir = mkdtempSync(join(tmpdir(), "pump-sa-"));
  const keyFile = join(dir, "service-account.json");
  writeFileSync(
    keyFile,
    JSON.stringify({
      type: "service_account",
      project_id: "test-project",
      private_key_id: "test-key-1",
      private_key: pair.privateKey,
      client_email: clientEmail,
      client_id: "1",
      token_uri: "https://oauth2.googleapis.com/token",
    }),
    { mode: 0o600 },
  );
  return { keyFile, clientEmail, publicKey };
}
