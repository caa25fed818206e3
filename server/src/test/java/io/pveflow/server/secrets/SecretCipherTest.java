package io.pveflow.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    @TempDir
    Path dataDir;

    @Test
    void roundTripsWithAFreshNonceEachTime() {
        SecretCipher cipher = new SecretCipher("", dataDir.toString());
        String a = cipher.encrypt("s3cret", "cluster:a:token-secret");
        String b = cipher.encrypt("s3cret", "cluster:a:token-secret");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("s3cret");
        assertThat(cipher.decrypt(a, "cluster:a:token-secret")).isEqualTo("s3cret");
        assertThat(cipher.decrypt(b, "cluster:a:token-secret")).isEqualTo("s3cret");
    }

    @Test
    void generatesTheKeyFileOnceWithOwnerOnlyPermissionsAndKeepsIt() throws Exception {
        SecretCipher first = new SecretCipher("", dataDir.toString());
        Path keyFile = dataDir.resolve(MasterKeySource.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        String key = Files.readString(keyFile);
        String sealed = first.encrypt("value", "ctx");
        SecretCipher restarted = new SecretCipher("", dataDir.toString());
        assertThat(Files.readString(keyFile)).isEqualTo(key);
        assertThat(restarted.decrypt(sealed, "ctx")).isEqualTo("value");
    }

    @Test
    void usesTheConfiguredKeyAndDoesNotWriteAFile() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        SecretCipher cipher = new SecretCipher(key, dataDir.toString());
        assertThat(cipher.decrypt(cipher.encrypt("x", "c"), "c")).isEqualTo("x");
        assertThat(dataDir.resolve(MasterKeySource.KEY_FILE)).doesNotExist();
    }

    @Test
    void refusesAConfiguredKeyOfTheWrongSizeWithAMessageSayingWhatIsExpected() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new SecretCipher(shortKey, dataDir.toString()))
                .hasMessageContaining("must be 32 bytes").hasMessageContaining("got 16 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> new SecretCipher("not base64 !!", dataDir.toString()))
                .hasMessageContaining("not valid base64");
    }

    @Test
    void detectsAnotherKeyAnotherContextAndTampering() {
        SecretCipher cipher = new SecretCipher(Base64.getEncoder().encodeToString(new byte[32]), dataDir.toString());
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        SecretCipher other = new SecretCipher(Base64.getEncoder().encodeToString(otherKey), dataDir.toString());
        String sealed = cipher.encrypt("secret", "cluster:a:token-secret");

        assertThatThrownBy(() -> other.decrypt(sealed, "cluster:a:token-secret"))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining("another master key");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "cluster:b:token-secret"))
                .isInstanceOf(SecretUnreadableException.class);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "cluster:a:token-secret"))
                .isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> cipher.decrypt("plain", "ctx")).hasMessageContaining("unknown format");
    }
}
