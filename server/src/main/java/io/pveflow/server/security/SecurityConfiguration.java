package io.pveflow.server.security;

import java.util.Arrays;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every endpoint needs a signed-in user except the UI's static assets, the login page and the health probe.
 * API clients use HTTP Basic (no session, no CSRF token: the browser never learns Basic credentials because
 * the UI's requests get a 401 without a challenge); the browser UI uses a session login with CSRF protection
 * through a readable {@code XSRF-TOKEN} cookie echoed in the {@code X-XSRF-TOKEN} header.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    private static final String[] PUBLIC = {
            "/", "/index.html", "/login", "/login.html", "/assets/**", "/favicon.ico", "/favicon.svg",
            "/actuator/health", "/actuator/health/**", "/error"
    };

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        // The OpenAPI UI (/api/docs) is a page for the browser: like the UI, it sends a stranger to the login form
        // rather than to a Basic password dialog. Its document, /api/openapi.json, is API.
        RequestMatcher docsPages = new OrRequestMatcher(path("/api/docs"), path("/api/swagger-ui/**"));
        RequestMatcher api = new AndRequestMatcher(
                new OrRequestMatcher(path("/api/**"), path("/process-api/**"), path("/actuator/**")),
                new NegatedRequestMatcher(docsPages));
        RequestMatcher basicAuthRequest = new BasicAuthorizationHeaderMatcher();

        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(Arrays.stream(PUBLIC).map(SecurityConfiguration::path)
                                .toArray(RequestMatcher[]::new)).permitAll()
                        // Until per-cluster access control exists, Flowable's API (all tenants) is admin-only.
                        .requestMatchers(path("/process-api/**")).hasRole("ADMIN")
                        .requestMatchers(path("/actuator/**")).hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("PVEFlow"))
                .formLogin(form -> form
                        .loginPage("/login")
                        .loginProcessingUrl("/login")
                        .defaultSuccessUrl("/", false)
                        .failureUrl("/login?error")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        // A request that carries its own Basic credentials, or an API request with no session
                        // at all, is not riding on a browser session: it gets 401/403 from authorization instead.
                        .ignoringRequestMatchers(basicAuthRequest, new AndRequestMatcher(api, SESSIONLESS)))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new JsonAuthenticationEntryPoint("PVEFlow"), api)
                        .defaultAccessDeniedHandlerFor(new JsonAccessDeniedHandler(), api))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'"))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /** Paths relative to the application, whichever servlet (ours or Flowable's REST) serves them. */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // BCrypt by default, with the {id} prefix so hashes can move to a stronger scheme later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static final RequestMatcher SESSIONLESS = request -> request.getRequestedSessionId() == null;

    /** Matches requests that send {@code Authorization: Basic ...}. */
    static final class BasicAuthorizationHeaderMatcher implements RequestMatcher {
        private final RequestHeaderRequestMatcher hasHeader = new RequestHeaderRequestMatcher("Authorization");

        @Override
        public boolean matches(jakarta.servlet.http.HttpServletRequest request) {
            if (!hasHeader.matches(request)) {
                return false;
            }
            String value = request.getHeader("Authorization");
            return value.regionMatches(true, 0, "Basic ", 0, 6);
        }
    }
}
