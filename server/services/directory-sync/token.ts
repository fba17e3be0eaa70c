import { newToken, sha256Hex } from "@/server/crypto/tokens";
import { newId } from "@/server/ids";

/** A new SCIM bearer token and the columns that store it: its hash, and the public identity `dsync.token.*` events carry. */
export function issueToken(now: Date) {
  const token = newToken();
  return {
    token,
    columns: { tokenHash: sha256Hex(token), tokenId: newId("directory_token"), tokenSuffix: token.slice(-4), tokenCreatedAt: now },
  };
}
