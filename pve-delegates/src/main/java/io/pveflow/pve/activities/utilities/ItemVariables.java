package io.pveflow.pve.activities.utilities;

import java.util.LinkedHashSet;
import java.util.Set;

import org.flowable.common.engine.api.variable.VariableContainer;

/**
 * The variables a per-item script reads: the execution's, plus the current item under its own name (which
 * shadows a process variable of that name for this one evaluation). Writes go to the execution, never to the
 * item.
 */
final class ItemVariables implements VariableContainer {

    private final VariableContainer execution;
    private final String name;
    private final Object item;

    ItemVariables(VariableContainer execution, String name, Object item) {
        this.execution = execution;
        this.name = name;
        this.item = item;
    }

    @Override
    public boolean hasVariable(String variableName) {
        return name.equals(variableName) || execution.hasVariable(variableName);
    }

    @Override
    public Object getVariable(String variableName) {
        return name.equals(variableName) ? item : execution.getVariable(variableName);
    }

    @Override
    public void setVariable(String variableName, Object value) {
        if (!name.equals(variableName)) {
            execution.setVariable(variableName, value);
        }
    }

    @Override
    public void setTransientVariable(String variableName, Object value) {
        if (!name.equals(variableName)) {
            execution.setTransientVariable(variableName, value);
        }
    }

    @Override
    public String getTenantId() {
        return execution.getTenantId();
    }

    @Override
    public Set<String> getVariableNames() {
        Set<String> names = new LinkedHashSet<>(execution.getVariableNames());
        names.add(name);
        return names;
    }
}
