package io.pveflow.server.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.pveflow.server.clusters.ClusterService;
import io.pveflow.server.secrets.SecretCipher;
import io.pveflow.server.web.ConflictException;
import io.pveflow.server.web.NotFoundException;

/** The notifiers of each cluster: add, change, remove them, and hand them with their secrets to delivery. */
@Service
public class NotifierService {

    private static final Logger log = LoggerFactory.getLogger(NotifierService.class);

    private final NotifierRepository repository;
    private final RuleRepository rules;
    private final ClusterService clusters;
    private final SecretCipher cipher;
    private final Clock clock = Clock.systemUTC();

    private final io.pveflow.server.audit.AuditLog audit;

    NotifierService(NotifierRepository repository, RuleRepository rules, ClusterService clusters, SecretCipher cipher,
                    io.pveflow.server.audit.AuditLog audit) {
        this.repository = repository;
        this.rules = rules;
        this.clusters = clusters;
        this.cipher = cipher;
        this.audit = audit;
    }

    public List<Notifier> list(String clusterId) {
        clusters.get(clusterId);
        return repository.findAll(clusterId);
    }

    public Notifier get(String clusterId, String name) {
        clusters.get(clusterId);
        return stored(clusterId, name).notifier();
    }

    @Transactional
    public Notifier create(String clusterId, NotifierRequest request) {
        clusters.get(clusterId);
        NotifierValidator.Valid valid = NotifierValidator.forCreate(request);
        if (repository.find(clusterId, valid.name()).isPresent()) {
            throw duplicate(clusterId, valid.name());
        }
        Instant now = clock.instant();
        String user = currentUser();
        Map<String, String> encrypted = new HashMap<>();
        valid.secrets().forEach((field, value) ->
                encrypted.put(field, cipher.encrypt(value, secretContext(clusterId, valid.name(), field))));
        Notifier notifier = new Notifier(clusterId, valid.name(), valid.type(), valid.description(), valid.enabled(),
                valid.settings(), encrypted.keySet(), now, user, now, user, 1);
        try {
            repository.insert(notifier, encrypted);
        } catch (DuplicateKeyException raced) {
            throw duplicate(clusterId, valid.name());
        }
        log.info("Notifier '{}' ({}) added to cluster '{}' by {}", notifier.name(), notifier.type().jsonName(),
                clusterId, user);
        audit.record("notifier-add", "notifier", notifier.name(), clusterId, "type=" + notifier.type().jsonName());
        return notifier;
    }

    @Transactional
    public Notifier update(String clusterId, String name, NotifierRequest request) {
        clusters.get(clusterId);
        NotifierRepository.Stored current = stored(clusterId, name);
        NotifierValidator.Valid valid = NotifierValidator.forUpdate(current.notifier(), request);
        Map<String, String> encrypted = new HashMap<>(current.encryptedSecrets());
        encrypted.keySet().removeAll(valid.clearedSecrets());
        encrypted.keySet().retainAll(valid.type().secretFields());
        valid.secrets().forEach((field, value) ->
                encrypted.put(field, cipher.encrypt(value, secretContext(clusterId, name, field))));
        Notifier before = current.notifier();
        String user = currentUser();
        Notifier changed = new Notifier(clusterId, name, before.type(), valid.description(), valid.enabled(),
                valid.settings(), encrypted.keySet(), before.createdAt(), before.createdBy(), clock.instant(), user,
                before.version() + 1);
        if (!repository.update(changed, encrypted, before.version())) {
            throw new ConflictException("Notifier '" + name + "' was changed by someone else meanwhile; reload and retry");
        }
        log.info("Notifier '{}' of cluster '{}' changed by {}{}", name, clusterId, user,
                valid.secrets().isEmpty() ? "" : " (new " + String.join(", ", valid.secrets().keySet()) + ")");
        audit.record("notifier-change", "notifier", name, clusterId, null);
        return changed;
    }

    @Transactional
    public void delete(String clusterId, String name) {
        clusters.get(clusterId);
        stored(clusterId, name);
        List<String> users = rules.rulesUsing(clusterId, name);
        if (!users.isEmpty()) {
            throw new ConflictException("Notifier '" + name + "' is used by notification rule(s) " + users
                    + "; change or remove them first");
        }
        repository.delete(clusterId, name);
        log.info("Notifier '{}' removed from cluster '{}' by {}", name, clusterId, currentUser());
        audit.record("notifier-remove", "notifier", name, clusterId, null);
    }

    /** The notifier with its secrets decrypted, for delivery only. */
    NotifierTarget target(String clusterId, String name) {
        NotifierRepository.Stored stored = stored(clusterId, name);
        Map<String, String> secrets = new HashMap<>();
        stored.encryptedSecrets().forEach((field, value) ->
                secrets.put(field, cipher.decrypt(value, secretContext(clusterId, name, field))));
        Notifier notifier = stored.notifier();
        return new NotifierTarget(clusterId, name, notifier.type(), notifier.settings(), secrets);
    }

    static String secretContext(String clusterId, String name, String field) {
        return "notifier:" + clusterId + ":" + name + ":" + field;
    }

    private NotifierRepository.Stored stored(String clusterId, String name) {
        return repository.find(clusterId, name).orElseThrow(() ->
                new NotFoundException("No notifier '" + name + "' in cluster '" + clusterId + "'"));
    }

    private static ConflictException duplicate(String clusterId, String name) {
        return new ConflictException("Cluster '" + clusterId + "' already has a notifier named '" + name + "'");
    }

    static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
