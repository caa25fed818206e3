package io.pveflow.server.engine;

import java.security.Principal;
import java.util.Objects;

import org.flowable.common.engine.api.identity.AuthenticationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Flowable's view of who is acting, read from Spring Security. Unlike Flowable's own Spring Security context, setting
 * a user never changes the {@link SecurityContext} object in place: that object is the one kept in the signed-in
 * browser session, and a name-only user written into it would cost the session its roles. A new context is put
 * in the holder instead, and naming the user who is already signed in changes nothing at all.
 */
final class SessionSafeAuthenticationContext implements AuthenticationContext {

    @Override
    public String getAuthenticatedUserId() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        return current == null ? null : current.getName();
    }

    @Override
    public Principal getPrincipal() {
        return SecurityContextHolder.getContext().getAuthentication();
    }

    @Override
    public void setPrincipal(Principal principal) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (principal == null) {
            if (current != null) {
                SecurityContextHolder.setContext(SecurityContextHolder.createEmptyContext());
            }
            return;
        }
        if (current != null && (current == principal || Objects.equals(current.getName(), principal.getName()))) {
            return;
        }
        SecurityContext fresh = SecurityContextHolder.createEmptyContext();
        fresh.setAuthentication(principal instanceof Authentication authentication ? authentication
                : new UsernamePasswordAuthenticationToken(principal.getName(), null));
        SecurityContextHolder.setContext(fresh);
    }
}
