package io.pveflow.server.expressions;

import org.flowable.common.engine.impl.javax.el.ELContext;
import org.flowable.common.engine.impl.javax.el.ELResolver;
import org.flowable.common.engine.impl.javax.el.PropertyNotFoundException;

/**
 * The last word on a top-level name nothing resolved: it is neither a variable nor a process bean. Says so,
 * and says that the Spring context is not reachable, instead of Flowable's generic "unknown property".
 */
public class UnknownNameResolver extends ELResolver {

    private final ProcessBeans beans;

    public UnknownNameResolver(ProcessBeans beans) {
        this.beans = beans;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null && !context.isPropertyResolved()) {
            throw new PropertyNotFoundException("'" + property + "' is neither a variable of this run nor a bean "
                    + "available to processes (available: " + String.join(", ", beans.names())
                    + "); other server beans cannot be used in expressions");
        }
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // nothing to set
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }

    @Override
    public java.util.Iterator<java.beans.FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }
}
