package io.pveflow.server.expressions;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.flowable.engine.delegate.ExecutionListener;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.delegate.TaskListener;
import org.flowable.engine.impl.delegate.ActivityBehavior;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.PveActivity;

/**
 * The beans process expressions may name: PVEFlow's own activities and listeners (Flowable delegate types
 * from {@code io.pveflow} packages) and any bean an admin adds with {@code pveflow.security.expression-beans}.
 * Nothing else in the Spring context ({@code dataSource}, {@code environment}, {@code applicationContext},
 * services) is reachable from {@code ${...}}. Flowable reads it as its bean map, lazily, so the activities can
 * depend on engine services without a cycle.
 */
@Component
public class ProcessBeans extends AbstractMap<Object, Object> {

    private static final List<Class<?>> DELEGATE_TYPES =
            List.of(JavaDelegate.class, ActivityBehavior.class, ExecutionListener.class, TaskListener.class);

    private final ApplicationContext context;
    private final Set<String> extraNames;
    private volatile Set<String> names;
    private volatile Set<Object> instances;

    public ProcessBeans(ApplicationContext context,
                        @Value("${pveflow.security.expression-beans:}") List<String> extraNames) {
        this.context = context;
        this.extraNames = Set.copyOf(extraNames.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** The names expressions may use, sorted. */
    public Set<String> names() {
        Set<String> known = names;
        if (known == null) {
            Set<String> found = new TreeSet<>(extraNames);
            for (Class<?> type : DELEGATE_TYPES) {
                for (String name : context.getBeanNamesForType(type, true, false)) {
                    Class<?> beanType = context.getType(name);
                    if (beanType != null && beanType.getPackageName().startsWith("io.pveflow.")) {
                        found.add(name);
                    }
                }
            }
            known = Collections.unmodifiableSet(found);
            names = known;
        }
        return known;
    }

    public boolean isAllowed(String name) {
        return names().contains(name);
    }

    /**
     * True when {@code candidate} is one of the allowed bean instances. Asked on every expression access to an
     * object that is not plain data, so the instances are looked up once.
     */
    public boolean isAllowedInstance(Object candidate) {
        Set<Object> known = instances;
        if (known == null) {
            known = Collections.newSetFromMap(new IdentityHashMap<>());
            for (String name : names()) {
                if (context.containsBean(name)) {
                    known.add(context.getBean(name));
                }
            }
            instances = known;
        }
        return known.contains(candidate);
    }

    /** The catalogue entry of a PVE activity bean, or null when the name is not one. */
    public ActivityDescriptor activity(String name) {
        if (!isAllowed(name) || !context.containsBean(name)) {
            return null;
        }
        return context.getBean(name) instanceof PveActivity activity ? activity.descriptor() : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && isAllowed(name) && context.containsBean(name);
    }

    @Override
    public Object get(Object key) {
        return containsKey(key) ? context.getBean((String) key) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        Map<Object, Object> snapshot = new LinkedHashMap<>();
        for (String name : names()) {
            if (context.containsBean(name)) {
                snapshot.put(name, context.getBean(name));
            }
        }
        return Collections.unmodifiableMap(snapshot).entrySet();
    }
}
