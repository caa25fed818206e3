package io.pveflow.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web UI routes with the history API ({@code /processes/demo/nightly}, {@code /executions/42}): a reload or
 * a bookmark of such an address gets the app shell, whose router then shows the page. Only these prefixes are
 * forwarded, so unknown addresses still answer 404 and nothing shadows {@code /api}.
 */
@Configuration(proxyBeanMethods = false)
class UiRoutes implements WebMvcConfigurer {

    static final String[] ROUTES = {
            "/processes", "/processes/**", "/executions", "/executions/**", "/modeler/**", "/library/**", "/clusters", "/audit",
            "/inbox", "/inbox/**"
    };

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        for (String route : ROUTES) {
            registry.addViewController(route).setViewName("forward:/index.html");
        }
    }
}
