package io.pveflow.server.users;

import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On the first start with no users, creates {@code admin} with the password from
 * {@code PVEFLOW_ADMIN_PASSWORD}, or a random one that is written to the log once (the only time it can be
 * seen) so a newcomer can sign in.
 */
@Component
class InitialAdmin implements InitializingBean {

    static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserService users;
    private final String configuredPassword;

    InitialAdmin(UserService users, @Value("${pveflow.admin-password:}") String configuredPassword) {
        this.users = users;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void afterPropertiesSet() {
        if (!users.noUsers()) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? randomPassword() : configuredPassword;
        if (!generated && password.length() < UserService.MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("PVEFLOW_ADMIN_PASSWORD must be at least " + UserService.MIN_PASSWORD_LENGTH
                    + " characters long");
        }
        if (!users.createInitialAdmin(USERNAME, password)) {
            return;
        }
        if (generated) {
            log.warn("\n\n    Created user '{}' with the generated password: {}\n    It is shown only this once. "
                    + "Sign in and change it, or set PVEFLOW_ADMIN_PASSWORD before the first start.\n", USERNAME, password);
        } else {
            log.info("Created user '{}' with the password from PVEFLOW_ADMIN_PASSWORD", USERNAME);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
