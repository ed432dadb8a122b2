package uk.ectmentor.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTest {
    private static final String K1 = "k1:" + FieldCipher.newKey();
    private static final String K2 = "k2:" + FieldCipher.newKey();

    @Test
    void sealsAndOpensUnderTheCurrentKey() {
        FieldCipher cipher = FieldCipher.fromSpec(K2 + "," + K1);
        FieldCipher.Sealed sealed = cipher.seal("Cold calling worked", "rec-1");
        assertThat(sealed.keyId()).isEqualTo("k2");
        assertThat(sealed.value()).doesNotContain("Cold");
        assertThat(cipher.open(sealed, "rec-1")).isEqualTo("Cold calling worked");
        assertThat(cipher.seal("Cold calling worked", "rec-1").value()).isNotEqualTo(sealed.value());
    }

    @Test
    void oldRecordsStillOpenAfterARotationAndUnknownKeysFailClearly() {
        FieldCipher before = FieldCipher.fromSpec(K1);
        FieldCipher.Sealed old = before.seal("written under k1", "r");
        FieldCipher after = FieldCipher.fromSpec(K2 + "," + K1);
        assertThat(after.open(old, "r")).isEqualTo("written under k1");
        assertThatThrownBy(() -> FieldCipher.fromSpec(K2).open(old, "r")).hasMessageContaining("no encryption key with id 'k1'");
    }

    @Test
    void aCiphertextMovedToAnotherRecordOrAlteredDoesNotOpen() {
        FieldCipher cipher = FieldCipher.fromSpec(K1);
        FieldCipher.Sealed sealed = cipher.seal("mine", "rec-a");
        assertThatThrownBy(() -> cipher.open(sealed, "rec-b")).isInstanceOf(IllegalStateException.class);
        char[] chars = sealed.value().toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.open(new FieldCipher.Sealed("k1", new String(chars)), "rec-a"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedOpenLeavesTheCipherUsableAndThreadsDoNotShareOne() throws Exception {
        FieldCipher cipher = FieldCipher.fromSpec(K1);
        FieldCipher.Sealed first = cipher.seal("first", "rec-a");
        assertThatThrownBy(() -> cipher.open(first, "rec-b")).isInstanceOf(IllegalStateException.class);
        assertThat(cipher.open(first, "rec-a")).isEqualTo("first");
        assertThat(cipher.open(cipher.seal("second", "rec-a"), "rec-a")).isEqualTo("second");

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> rounds = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                rounds.add(pool.submit(() -> {
                    int opened = 0;
                    for (int i = 0; i < 500; i++) {
                        String text = "thread " + thread + " value " + i;
                        if (cipher.open(cipher.seal(text, "r" + i), "r" + i).equals(text)) {
                            opened++;
                        }
                    }
                    return opened;
                }));
            }
            for (java.util.concurrent.Future<Integer> round : rounds) {
                assertThat(round.get()).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wordTokensArePerKeyStableAndCoverEveryKeyAfterARotation() {
        FieldCipher before = FieldCipher.fromSpec(K1);
        FieldCipher after = FieldCipher.fromSpec(K2 + "," + K1);
        String old = before.wordToken("questioning");
        assertThat(before.wordToken("questioning")).isEqualTo(old).isNotEqualTo(before.wordToken("behaviour"));
        assertThat(FieldCipher.fromSpec(K1).wordToken("questioning")).isEqualTo(old);
        assertThat(after.wordToken("questioning")).isNotEqualTo(old);
        assertThat(after.wordTokens("questioning")).containsExactly(after.wordToken("questioning"), old);
    }

    @Test
    void badSpecsAreNamedWithoutEchoingKeys() {
        assertThatThrownBy(() -> FieldCipher.fromSpec("nocolon")).hasMessageContaining("key 1");
        assertThatThrownBy(() -> FieldCipher.fromSpec("k1:!!notbase64!!")).hasMessageContaining("'k1'").hasMessageNotContaining("notbase64");
        assertThatThrownBy(() -> FieldCipher.fromSpec("k1:AAAA")).hasMessageContaining("16, 24 or 32 bytes");
        assertThatThrownBy(() -> FieldCipher.fromSpec(K1 + "," + K1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> FieldCipher.fromSpec(" ")).hasMessageContaining("no encryption keys");
    }

    @Test
    void theLocalKeyFileIsCreatedOnceOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
        FieldCipher first = FieldCipher.fromSpecOrKeyFile("", dir.resolve("data"));
        Path file = dir.resolve("data").resolve(FieldCipher.KEY_FILE);
        assertThat(file).exists();
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        FieldCipher.Sealed sealed = first.seal("kept", "r");
        FieldCipher second = FieldCipher.fromSpecOrKeyFile(null, dir.resolve("data"));
        assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
        assertThat(second.open(sealed, "r")).isEqualTo("kept");
        assertThat(FieldCipher.fromSpecOrKeyFile(K1, dir.resolve("other")).currentKeyId()).isEqualTo("k1");
        assertThat(dir.resolve("other").resolve(FieldCipher.KEY_FILE)).doesNotExist();
    }

    @Test
    void noKeysMeansOff() {
        assertThat(FieldCipher.none().enabled()).isFalse();
        assertThatThrownBy(() -> FieldCipher.none().seal("x", "r")).isInstanceOf(IllegalStateException.class);
    }
}
