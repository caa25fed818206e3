package io.pveflow.server.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.pveflow.server.clusters.ClusterService;
import io.pveflow.server.web.InvalidInputException;
import io.pveflow.server.web.NotFoundException;

/** The notification rules of each cluster: which run events are told through which notifiers. */
@Service
class RuleService {

    private static final Logger log = LoggerFactory.getLogger(RuleService.class);
    /** A BPMN process id (an XML NCName), as Flowable uses it for the process definition key. */
    private static final Pattern PROCESS_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,254}");

    private final RuleRepository rules;
    private final NotifierRepository notifiers;
    private final ClusterService clusters;
    private final Clock clock = Clock.systemUTC();

    RuleService(RuleRepository rules, NotifierRepository notifiers, ClusterService clusters) {
        this.rules = rules;
        this.notifiers = notifiers;
        this.clusters = clusters;
    }

    List<NotificationRule> list(String clusterId) {
        clusters.get(clusterId);
        return rules.findAll(clusterId);
    }

    NotificationRule get(String clusterId, String id) {
        clusters.get(clusterId);
        return rules.find(clusterId, id).orElseThrow(() -> notFound(clusterId, id));
    }

    @Transactional
    NotificationRule create(String clusterId, RuleRequest request) {
        clusters.get(clusterId);
        Valid valid = validate(clusterId, request);
        Instant now = clock.instant();
        String user = NotifierService.currentUser();
        NotificationRule rule = new NotificationRule(UUID.randomUUID().toString(), clusterId, valid.event(),
                valid.processDefinitionKey(), valid.notifiers(), valid.enabled(), now, user, now, user);
        rules.insert(rule);
        log.info("Notification rule {} ({} of {}, to {}) added to cluster '{}' by {}", rule.id(),
                rule.event().jsonName(), rule.processDefinitionKey() == null ? "any process" : rule.processDefinitionKey(),
                rule.notifiers(), clusterId, user);
        return rule;
    }

    @Transactional
    NotificationRule update(String clusterId, String id, RuleRequest request) {
        NotificationRule current = get(clusterId, id);
        Valid valid = validate(clusterId, request);
        NotificationRule changed = new NotificationRule(id, clusterId, valid.event(), valid.processDefinitionKey(),
                valid.notifiers(), valid.enabled(), current.createdAt(), current.createdBy(), clock.instant(),
                NotifierService.currentUser());
        rules.update(changed);
        log.info("Notification rule {} of cluster '{}' changed by {}", id, clusterId, changed.updatedBy());
        return changed;
    }

    @Transactional
    void delete(String clusterId, String id) {
        get(clusterId, id);
        rules.delete(clusterId, id);
        log.info("Notification rule {} removed from cluster '{}' by {}", id, clusterId, NotifierService.currentUser());
    }

    private record Valid(NotificationEvent event, String processDefinitionKey, List<String> notifiers, boolean enabled) {
    }

    private Valid validate(String clusterId, RuleRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        NotificationEvent event = null;
        String known = java.util.Arrays.stream(NotificationEvent.values()).map(NotificationEvent::jsonName)
                .collect(Collectors.joining(", "));
        if (request.event() == null || request.event().isBlank()) {
            errors.put("event", "is required: " + known);
        } else {
            try {
                event = NotificationEvent.parse(request.event());
            } catch (IllegalArgumentException e) {
                errors.put("event", "must be one of " + known + ", got '" + request.event() + "'");
            }
        }
        String key = request.processDefinitionKey() == null || request.processDefinitionKey().isBlank()
                ? null : request.processDefinitionKey().trim();
        if (key != null && !PROCESS_KEY.matcher(key).matches()) {
            errors.put("processDefinitionKey", "must be a process id (letters, digits, '_', '-', '.', not starting "
                    + "with a digit), or absent for every process");
        }
        Set<String> names = new LinkedHashSet<>();
        if (request.notifiers() == null || request.notifiers().isEmpty()) {
            errors.put("notifiers", "at least one notifier of the cluster is required");
        } else {
            Set<String> existing = notifiers.findAll(clusterId).stream().map(Notifier::name).collect(Collectors.toSet());
            List<String> given = new ArrayList<>(request.notifiers());
            for (int i = 0; i < given.size(); i++) {
                String name = given.get(i) == null ? null : given.get(i).trim();
                if (name == null || name.isEmpty()) {
                    errors.put("notifiers[" + i + "]", "is empty");
                } else if (!existing.contains(name)) {
                    errors.put("notifiers[" + i + "]", "cluster '" + clusterId + "' has no notifier '" + name + "'");
                } else {
                    names.add(name);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Invalid notification rule", errors);
        }
        return new Valid(event, key, List.copyOf(names), request.enabled() == null || request.enabled());
    }

    private static NotFoundException notFound(String clusterId, String id) {
        return new NotFoundException("No notification rule '" + id + "' in cluster '" + clusterId + "'");
    }
}
