package io.pveflow.server.expressions;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.flowable.common.engine.api.delegate.Expression;
import org.flowable.common.engine.impl.javax.el.ELContext;
import org.flowable.common.engine.impl.javax.el.ELException;
import org.flowable.common.engine.impl.javax.el.ELResolver;
import org.flowable.variable.api.delegate.VariableScope;

/**
 * Keeps {@code ${...}} expressions to data: they may read maps, lists, JSON, strings and numbers, use the
 * execution's variables, and call PVEFlow's process beans; they may not walk from a value to the runtime
 * ({@code ''.getClass().forName(...)}, {@code execution.processEngineServices}, ...). It sits in front of
 * Flowable's bean resolver and refuses, with a message, every property or method outside what is listed here.
 */
public class SafeExpressionResolver extends ELResolver {

    private static final Set<String> STRING_METHODS = Set.of("length", "isEmpty", "isBlank", "startsWith", "endsWith",
            "contains", "equals", "equalsIgnoreCase", "toLowerCase", "toUpperCase", "trim", "strip", "substring",
            "indexOf", "lastIndexOf", "replace", "split", "matches", "charAt", "concat", "compareTo", "toString");
    private static final Set<String> NUMBER_METHODS = Set.of("intValue", "longValue", "doubleValue", "compareTo",
            "equals", "toString", "booleanValue");
    private static final Set<String> COLLECTION_METHODS = Set.of("size", "isEmpty", "contains", "containsKey",
            "containsValue", "get", "getOrDefault", "keySet", "values", "indexOf", "subList", "equals", "toString",
            "containsAll", "asText", "asInt", "asLong", "asDouble", "asBoolean", "has", "path", "isNull", "isArray",
            "isObject", "isTextual", "isNumber", "textValue");
    private static final Set<String> EXECUTION_MEMBERS = Set.of("getVariable", "getVariables", "hasVariable",
            "getVariableLocal", "getVariablesLocal", "hasVariableLocal", "setVariable", "setVariableLocal",
            "setTransientVariable", "getTransientVariable", "getVariableNames", "getId", "getProcessInstanceId",
            "getProcessInstanceBusinessKey", "getProcessDefinitionId", "getCurrentActivityId", "getTenantId",
            "getEventName", "getParentId", "getName", "getAssignee", "getTaskDefinitionKey",
            "variables", "variablesLocal", "variableNames", "id", "processInstanceId", "processInstanceBusinessKey",
            "processDefinitionId", "currentActivityId", "tenantId", "eventName", "parentId", "name", "assignee",
            "taskDefinitionKey");

    private final ProcessBeans beans;

    public SafeExpressionResolver(ProcessBeans beans) {
        this.beans = beans;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base != null && !readable(base, String.valueOf(property))) {
            throw refused("read '" + property + "' of", base);
        }
        return null; // not resolved here: the usual resolvers do the work
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base != null && !callable(base, String.valueOf(method))) {
            throw refused("call '" + method + "' on", base);
        }
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (base != null && !(base instanceof Map<?, ?> || base instanceof java.util.List<?>)) {
            throw refused("set '" + property + "' on", base);
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }

    private boolean readable(Object base, String property) {
        if ("class".equals(property)) {
            return false;
        }
        if (isData(base) || base.getClass().isArray()) {
            return true;
        }
        if (base instanceof VariableScope || base instanceof org.flowable.engine.delegate.DelegateExecution) {
            return EXECUTION_MEMBERS.contains(property);
        }
        return beans.isAllowedInstance(base);
    }

    private boolean callable(Object base, String method) {
        if ("getClass".equals(method) || "wait".equals(method) || "notify".equals(method) || "notifyAll".equals(method)) {
            return false;
        }
        if (base instanceof CharSequence) {
            return STRING_METHODS.contains(method);
        }
        if (base instanceof Number || base instanceof Boolean || base instanceof Character) {
            return NUMBER_METHODS.contains(method);
        }
        if (base instanceof Map<?, ?> || base instanceof Collection<?> || base instanceof JsonNode) {
            return COLLECTION_METHODS.contains(method);
        }
        if (base instanceof VariableScope || base instanceof org.flowable.engine.delegate.DelegateExecution) {
            return EXECUTION_MEMBERS.contains(method);
        }
        if (base instanceof Expression) {
            return false;
        }
        return beans.isAllowedInstance(base);
    }

    private static boolean isData(Object base) {
        return base instanceof Map<?, ?> || base instanceof Collection<?> || base instanceof JsonNode;
    }

    private static ELException refused(String what, Object base) {
        return new ELException("Process expressions may not " + what + " " + kind(base)
                + ": they read variables, maps, lists and JSON, and call PVEFlow's process beans");
    }

    private static String kind(Object base) {
        if (base instanceof CharSequence) {
            return "a string";
        }
        if (base instanceof Number) {
            return "a number";
        }
        if (base instanceof VariableScope) {
            return "the execution";
        }
        return "a " + base.getClass().getSimpleName();
    }

    @Override
    public java.util.Iterator<java.beans.FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }
}
