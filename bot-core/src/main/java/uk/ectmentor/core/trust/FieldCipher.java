package uk.ectmentor.core.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts single text fields for storage with AES-GCM (JDK crypto). Keys come as a list
 * {@code id:base64key,id:base64key}: the first is the current key, used for every new value; the others
 * only decrypt values written before a rotation. Every sealed value carries the id of its key, so old
 * records still open after a rotation and a housekeeping pass can re-encrypt them under the current key.
 *
 * <p>The associated data (the record's id) binds a ciphertext to its record: copying it onto another
 * record makes it fail to open rather than read as someone else's text.
 */
public final class FieldCipher {
    /** The file, under the data directory, that keeps a locally generated key. */
    public static final String KEY_FILE = "encryption-keys";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String current;
    /** One AES-GCM cipher per thread, initialised afresh (new nonce) for every value: getting one is costly. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FieldCipher::newCipher);
    /** The blind index's key derived from each encryption key, derived once. */
    private final Map<String, SecretKeySpec> indexKeys = new java.util.concurrent.ConcurrentHashMap<>();

    /** A value sealed under key {@code keyId}: base64 of the 12-byte nonce followed by the ciphertext and tag. */
    public record Sealed(String keyId, String value) {
    }

    private FieldCipher(Map<String, SecretKeySpec> keys) {
        this.keys = keys;
        this.current = keys.isEmpty() ? null : keys.keySet().iterator().next();
    }

    /** No keys: fields are stored as they are. For tools and tests that do not need encryption. */
    public static FieldCipher none() {
        return new FieldCipher(Map.of());
    }

    /**
     * Parses {@code id:base64key,id:base64key} (first is current). Keys are 16, 24 or 32 bytes.
     *
     * @throws IllegalArgumentException naming the entry that is wrong, never echoing key material
     */
    public static FieldCipher fromSpec(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no encryption keys given");
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        String[] entries = spec.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("encryption key " + (i + 1) + " is not written as id:base64key");
            }
            String id = entry.substring(0, colon).strip();
            if (!id.matches("[A-Za-z0-9._-]{1,40}")) {
                throw new IllegalArgumentException("encryption key " + (i + 1) + " has an id with characters other than letters, digits, . _ -");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("encryption key '" + id + "' is not valid base64");
            }
            if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
                throw new IllegalArgumentException("encryption key '" + id + "' must be 16, 24 or 32 bytes, not " + raw.length);
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(raw, "AES")) != null) {
                throw new IllegalArgumentException("encryption key id '" + id + "' appears twice");
            }
        }
        return new FieldCipher(keys);
    }

    /**
     * The keys in {@code spec} when given; otherwise the local key kept in {@code dataDir}/{@value #KEY_FILE},
     * generated (readable by the owner only) the first time.
     */
    public static FieldCipher fromSpecOrKeyFile(String spec, Path dataDir) {
        if (spec != null && !spec.isBlank()) {
            return fromSpec(spec);
        }
        return fromSpec(localKeys(dataDir));
    }

    /** Reads, or creates with owner-only permissions, the local key file; returns its key list. */
    static String localKeys(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                String spec = "local-" + Long.toString(System.currentTimeMillis(), 36) + ":" + Base64.getEncoder().encodeToString(key);
                try {
                    create(file);
                    Files.writeString(file, spec + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        } else {
            Files.createFile(file);
        }
    }

    /** A fresh random key, base64, for {@code BOT_ENCRYPTION_KEYS}. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public boolean enabled() {
        return current != null;
    }

    /** The id of the key new values are sealed with, or null when encryption is off. */
    public String currentKeyId() {
        return current;
    }

    public boolean knows(String keyId) {
        return keys.containsKey(keyId);
    }

    /** Seals {@code plain} under the current key, bound to {@code recordId}. */
    public Sealed seal(String plain, String recordId) {
        if (!enabled()) {
            throw new IllegalStateException("encryption is off: no keys");
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(recordId));
            byte[] body = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + body.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(body, 0, out, iv.length, body.length);
            return new Sealed(current, Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Opens a value sealed for {@code recordId}.
     *
     * @throws IllegalStateException when the key is unknown or the value was altered or belongs to another record
     */
    public String open(Sealed sealed, String recordId) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("no encryption key with id '" + sealed.keyId() + "' is configured");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.value());
            if (all.length < IV_BYTES + TAG_BITS / 8) {
                throw new IllegalStateException("an encrypted field is too short to be genuine");
            }
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(aad(recordId));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("an encrypted field did not open with key '" + sealed.keyId() + "'", e);
        }
    }

    /**
     * A blind index token for one word under the current key: HMAC-SHA-256 with a key derived from the
     * current encryption key for this one purpose. Equal words give equal tokens, so a store can find
     * records holding a word without holding the word.
     */
    public String wordToken(String word) {
        return token(current, word);
    }

    /** The word's token under every configured key, to find records indexed before a rotation too. */
    public java.util.List<String> wordTokens(String word) {
        return keys.keySet().stream().map(id -> token(id, word)).toList();
    }

    /** The distinct searchable words of a text: lower case, accents and punctuation removed, 3 letters or more. */
    public static java.util.Set<String> words(String text) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        String plain = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(java.util.Locale.ROOT);
        for (String w : plain.split("[^a-z0-9]+")) {
            if (w.length() >= 3) {
                out.add(w);
            }
        }
        return out;
    }

    private String token(String keyId, String word) {
        if (keyId == null) {
            throw new IllegalStateException("encryption is off: no keys");
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(indexKeys.computeIfAbsent(keyId, this::indexKey));
            byte[] tag = mac.doFinal(word.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(tag, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /** The key for word tokens: HMAC-SHA-256 of a fixed label under encryption key {@code keyId}. */
    private SecretKeySpec indexKey(String keyId) {
        try {
            javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
            derive.init(keys.get(keyId));
            return new SecretKeySpec(derive.doFinal("ect-mentor-bot keyword index v1".getBytes(StandardCharsets.UTF_8)),
                    "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] aad(String recordId) {
        return (recordId == null ? "" : recordId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FieldCipher" + keys.keySet();
    }
}
