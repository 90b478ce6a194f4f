package dev.clave.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers for cache keys and artifact ids. Internal. */
public final class Hashing {

    private Hashing() {
    }

    /** SHA-256 (lower-case hex) of the parts, each length-prefixed so that ("ab","c") and ("a","bc") differ. */
    public static String sha256(String... parts) {
        MessageDigest digest = newDigest();
        for (String part : parts) {
            update(digest, part);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A new SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Adds a length-prefixed string to a digest. */
    public static void update(MessageDigest digest, String part) {
        byte[] bytes = (part == null ? "\u0000null" : part).getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    /** Hex of a finished digest. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
