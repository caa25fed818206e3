package io.pveflow.server.clusters;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.flowable.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.pveflow.server.secrets.SecretCipher;
import io.pveflow.server.web.ConflictException;
import io.pveflow.server.web.NotFoundException;

/** The cluster registry: add, change, remove clusters and hand their credentials to the PVE client. */
@Service
public class ClusterService {

    private static final Logger log = LoggerFactory.getLogger(ClusterService.class);

    private final ClusterRepository repository;
    private final SecretCipher cipher;
    private final RuntimeService runtime;
    private final Clock clock;

    private final io.pveflow.server.audit.AuditLog audit;

    ClusterService(ClusterRepository repository, SecretCipher cipher, RuntimeService runtime,
                   io.pveflow.server.audit.AuditLog audit) {
        this.repository = repository;
        this.cipher = cipher;
        this.runtime = runtime;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    public List<Cluster> list() {
        return repository.findAll();
    }

    public Cluster get(String id) {
        return repository.findById(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public Cluster create(ClusterRequest request) {
        ClusterValidator.Valid valid = ClusterValidator.forCreate(request);
        if (repository.exists(valid.id())) {
            throw new ConflictException("A cluster with id '" + valid.id() + "' already exists");
        }
        Instant now = clock.instant();
        String user = currentUser();
        Cluster cluster = new Cluster(valid.id(), valid.displayName(), valid.endpoints(), valid.tokenId(), valid.tls(),
                now, user, now, user, 1, false,
                Boolean.TRUE.equals(request.allowHttpTask()));
        try {
            repository.insert(cluster, cipher.encrypt(valid.tokenSecret(), secretContext(valid.id())));
        } catch (DuplicateKeyException raced) {
            throw new ConflictException("A cluster with id '" + valid.id() + "' already exists");
        }
        log.info("Cluster '{}' added by {} ({} endpoint(s), TLS {})", cluster.id(), user, cluster.endpoints().size(),
                cluster.tls().mode());
        audit.record("cluster-add", "cluster", cluster.id(), cluster.id(), "endpoints=" + cluster.endpoints()
                + " tokenId=" + cluster.tokenId() + " tls=" + cluster.tls().mode());
        return cluster;
    }

    @Transactional
    public Cluster update(String id, ClusterRequest request) {
        Cluster current = get(id);
        ClusterValidator.Valid valid = ClusterValidator.forUpdate(id, request);
        String user = currentUser();
        Cluster changed = new Cluster(id, valid.displayName(), valid.endpoints(), valid.tokenId(), valid.tls(),
                current.createdAt(), current.createdBy(), clock.instant(), user, current.version() + 1,
                current.simulated(), request.allowHttpTask() == null ? current.allowHttpTask() : request.allowHttpTask());
        String secret = valid.tokenSecret() == null ? null : cipher.encrypt(valid.tokenSecret(), secretContext(id));
        if (!repository.update(changed, secret, current.version())) {
            throw new ConflictException("Cluster '" + id + "' was changed by someone else meanwhile; reload and retry");
        }
        log.info("Cluster '{}' changed by {}{}", id, user, secret == null ? "" : " (new token secret)");
        audit.record("cluster-change", "cluster", id, id, "endpoints=" + changed.endpoints() + " tokenId=" + changed.tokenId()
                + " tls=" + changed.tls().mode() + (secret == null ? "" : " new token secret"));
        return changed;
    }

    @Transactional
    public void delete(String id) {
        if (!repository.exists(id)) {
            throw notFound(id);
        }
        long running = runtime.createProcessInstanceQuery().processInstanceTenantId(id).count();
        if (running > 0) {
            throw new ConflictException("Cluster '" + id + "' has " + running + " run(s) in progress; cancel or "
                    + "finish them before removing the cluster");
        }
        repository.delete(id);
        log.info("Cluster '{}' removed by {}", id, currentUser());
        audit.record("cluster-remove", "cluster", id, id, null);
    }

    /**
     * Adds or refreshes a cluster served by PVEFlow's own simulator (the demo): its address, pin and token
     * change with every start. A real cluster registered under the same id is never overwritten.
     */
    @Transactional
    public Cluster registerSimulated(ClusterRequest request) {
        ClusterValidator.Valid valid = ClusterValidator.forCreate(request);
        Instant now = clock.instant();
        String secret = cipher.encrypt(valid.tokenSecret(), secretContext(valid.id()));
        Cluster current = repository.findById(valid.id()).orElse(null);
        if (current == null) {
            Cluster cluster = new Cluster(valid.id(), valid.displayName(), valid.endpoints(), valid.tokenId(),
                    valid.tls(), now, "system", now, "system", 1, true, false);
            repository.insert(cluster, secret);
            return cluster;
        }
        if (!current.simulated()) {
            throw new ConflictException("Cluster '" + valid.id() + "' is a real cluster; the demo does not replace it");
        }
        Cluster refreshed = new Cluster(valid.id(), valid.displayName(), valid.endpoints(), valid.tokenId(), valid.tls(),
                current.createdAt(), current.createdBy(), now, "system", current.version() + 1, true,
                current.allowHttpTask());
        repository.update(refreshed, secret, current.version());
        return refreshed;
    }

    /** The decrypted credentials, for the PVE client only. */
    public ClusterCredentials credentials(String id) {
        Cluster cluster = get(id);
        String encrypted = repository.encryptedSecret(id).orElseThrow(() -> notFound(id));
        return new ClusterCredentials(id, cluster.endpoints(), cluster.tokenId(),
                cipher.decrypt(encrypted, secretContext(id)), cluster.tls());
    }

    static String secretContext(String clusterId) {
        return "cluster:" + clusterId + ":token-secret";
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("No cluster with id '" + id + "'");
    }

    private static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
