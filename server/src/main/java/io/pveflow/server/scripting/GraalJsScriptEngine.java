package io.pveflow.server.scripting;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.common.engine.api.FlowableIllegalArgumentException;
import org.flowable.common.engine.api.variable.VariableContainer;
import org.flowable.common.engine.impl.scripting.FlowableScriptEngine;
import org.flowable.common.engine.impl.scripting.FlowableScriptEvaluationRequest;
import org.flowable.common.engine.impl.scripting.Resolver;
import org.flowable.common.engine.impl.scripting.ScriptEvaluation;
import org.flowable.engine.delegate.BpmnError;
import org.flowable.engine.delegate.DelegateExecution;

/**
 * Flowable's script seam, answered by {@link JsSandbox}: script tasks ({@code scriptFormat="javascript"}),
 * sequence-flow conditions ({@code language="javascript"}) and anything else that asks Flowable's scripting
 * engines for JavaScript. Scripts see the variables and an {@code execution} that reads and sets variables;
 * what they set is written back only when they complete. {@code bpmnError(code, message)} becomes a BPMN error
 * a boundary event can catch; any other failure is an engine error (an incident) that names the script, the
 * line and the column.
 */
public class GraalJsScriptEngine implements FlowableScriptEngine {

    /** The script formats and condition languages PVEFlow runs. */
    public static final Set<String> LANGUAGES = Set.of("javascript", "js", "ecmascript");

    private final JsSandbox sandbox;

    public GraalJsScriptEngine(JsSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public static boolean isJavaScript(String language) {
        return language != null && LANGUAGES.contains(language.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public FlowableScriptEvaluationRequest createEvaluationRequest() {
        return new Request();
    }

    private final class Request implements FlowableScriptEvaluationRequest {
        private String language;
        private String script;
        private VariableContainer scope;
        private VariableContainer input;

        @Override
        public FlowableScriptEvaluationRequest language(String language) {
            this.language = language;
            return this;
        }

        @Override
        public FlowableScriptEvaluationRequest script(String script) {
            this.script = script;
            return this;
        }

        @Override
        public FlowableScriptEvaluationRequest resolver(Resolver resolver) {
            return this; // scripts see variables only, never engine objects or beans
        }

        @Override
        public FlowableScriptEvaluationRequest scopeContainer(VariableContainer scopeContainer) {
            this.scope = scopeContainer;
            return this;
        }

        @Override
        public FlowableScriptEvaluationRequest inputVariableContainer(VariableContainer inputVariableContainer) {
            this.input = inputVariableContainer;
            return this;
        }

        @Override
        public FlowableScriptEvaluationRequest storeScriptVariables() {
            return this; // variables are set explicitly with execution.setVariable
        }

        @Override
        public ScriptEvaluation evaluate() {
            if (!isJavaScript(language)) {
                throw new FlowableIllegalArgumentException("Script language '" + language
                        + "' is not supported: PVEFlow runs JavaScript only (javascript)");
            }
            VariableContainer variables = input != null ? input : scope;
            String where = describe(scope);
            ScriptResult result;
            try {
                result = sandbox.evaluate(new ScriptRequest(script == null ? "" : script, where, read(variables), facts(scope)));
            } catch (ScriptBpmnError e) {
                throw new BpmnError(e.errorCode(), e.getMessage());
            } catch (ScriptFailure e) {
                throw new FlowableException(e.getMessage());
            }
            if (scope != null) {
                result.variables().forEach(scope::setVariable);
            }
            return new Evaluation(result.value());
        }
    }

    private record Evaluation(Object result) implements ScriptEvaluation {
        @Override
        public Object getEvaluationAttribute(String key) {
            return null;
        }

        @Override
        public Object getResult() {
            return result;
        }
    }

    private static Map<String, Object> read(VariableContainer container) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (container != null && container.getVariableNames() != null) {
            for (String name : container.getVariableNames()) {
                variables.put(name, container.getVariable(name));
            }
        }
        return variables;
    }

    private static Map<String, Object> facts(VariableContainer scope) {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (scope instanceof DelegateExecution execution) {
            facts.put("id", execution.getId());
            facts.put("processInstanceId", execution.getProcessInstanceId());
            facts.put("processDefinitionId", execution.getProcessDefinitionId());
            facts.put("businessKey", execution.getProcessInstanceBusinessKey());
            facts.put("activityId", execution.getCurrentActivityId());
        }
        if (scope != null) {
            facts.put("tenantId", scope.getTenantId());
        }
        return facts;
    }

    private static String describe(VariableContainer scope) {
        if (scope instanceof DelegateExecution execution && execution.getCurrentActivityId() != null) {
            return "Script in '" + execution.getCurrentActivityId() + "'";
        }
        return "Script";
    }
}
