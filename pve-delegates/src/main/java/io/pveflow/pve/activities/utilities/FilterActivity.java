package io.pveflow.pve.activities.utilities;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.flowable.common.engine.api.delegate.Expression;
import org.flowable.common.engine.impl.scripting.ScriptEngineRequest;
import org.flowable.common.engine.impl.scripting.ScriptingEngines;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.DelegateHelper;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.springframework.stereotype.Component;

import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.ActivityFailure;
import io.pveflow.pve.activity.FieldReader;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;

/**
 * {@code filter}: keeps the items of a collection for which a JavaScript condition is true, e.g. the guests of a
 * {@code pveGetGuests} result with {@code item.status == 'running' && item.maxmem > 4 * 1024 ** 3}. The
 * condition runs once per item through Flowable's scripting engines (the server's sandbox), seeing the
 * process variables plus {@code item}; its value counts as JavaScript truthiness does. It calls no Proxmox API; it
 * is a PVE activity only so that it is in the catalogue with the others.
 */
@Component("filter")
public class FilterActivity extends PveActivity {

    static final String ITEM = "item";

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("filter", "Filter", "Utilities",
            "filter", "Keeps the items of a list for which a JavaScript condition is true.",
            List.of(
                    FieldSpec.of("collection", "Collection", FieldType.LIST).mandatory()
                            .help("The list to filter, e.g. ${guests}"),
                    FieldSpec.of("condition", "Condition", FieldType.STRING).mandatory()
                            .help("JavaScript, evaluated per item (variable 'item'), e.g. item.status == 'running'"),
                    ActivityDescriptor.resultVariableField("filtered")),
            "filtered", "list of the items the condition was true for, in their order", false);

    public FilterActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        List<Object> items = items(context.fields().raw("collection"));
        String condition = condition(context);
        DelegateExecution execution = context.execution();
        ScriptingEngines scripting = CommandContextUtil.getProcessEngineConfiguration().getScriptingEngines();
        List<Object> kept = new ArrayList<>();
        for (Object item : items) {
            // the execution stays the scope (error locations, writes); the item is added to what the script reads
            Object value = scripting.evaluate(ScriptEngineRequest.builder().language("javascript").script(condition)
                    .scopeContainer(execution).inputVariableContainer(new ItemVariables(execution, ITEM, item))
                    .build()).getResult();
            if (truthy(value)) {
                kept.add(item);
            }
        }
        return Outcome.done(kept);
    }

    /** The condition as written: the field is JavaScript already, so a {@code js{...}} wrapper is only unwrapped. */
    private static String condition(ActivityContext context) {
        Expression expression = DelegateHelper.getFieldExpression(context.execution(), "condition");
        String text = expression == null ? null : expression.getExpressionText();
        if (FieldReader.isJavaScript(text)) {
            // FieldReader would run it once, without an item; it is meant per item
            String script = text.trim();
            return script.substring(3, script.length() - 1);
        }
        return context.fields().string("condition");
    }

    private static List<Object> items(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (value instanceof Map<?, ?>) {
            throw ActivityFailure.invalidInput("collection", "is a map, not a list");
        }
        List<Object> items = new ArrayList<>();
        for (String part : String.valueOf(value).split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return items;
    }

    /** JavaScript's truthiness, applied to the value the sandbox hands back. */
    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        return true;
    }
}
