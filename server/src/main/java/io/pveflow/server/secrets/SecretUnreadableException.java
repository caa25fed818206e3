package io.pveflow.server.secrets;

/** A stored secret that cannot be decrypted: wrong master key, tampered or moved ciphertext. */
public class SecretUnreadableException extends RuntimeException {

    public SecretUnreadableException(String message) {
        super(message);
    }
}
