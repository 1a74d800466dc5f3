package org.footprint.report;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable pseudonyms for user names: {@code user-} + the first 10 hex digits of HMAC-SHA256(salt, name). The same
 * salt gives the same pseudonym on every page and every night, so trends stay readable; without the salt the
 * pseudonym cannot be recomputed from a list of user names.
 */
public final class Pseudonyms {
  static final int HEX_DIGITS = 10;

  private Pseudonyms() {}

  public static String of(String user, String salt) {
    if (user == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] h = mac.doFinal(user.getBytes(StandardCharsets.UTF_8));
      return "user-" + HexFormat.of().formatHex(h).substring(0, HEX_DIGITS);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }
}
