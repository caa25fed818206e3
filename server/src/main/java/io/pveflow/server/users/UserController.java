package io.pveflow.server.users;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users} for admins, {@code /api/me} for whoever is signed in. */
@RestController
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @GetMapping("/api/me")
    Map<String, Object> me(Authentication authentication) {
        Set<String> roles = new TreeSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            roles.add(authority.getAuthority().replaceFirst("^ROLE_", ""));
        }
        return Map.of("username", authentication.getName(), "roles", roles, "groups", users.groupsOf(authentication.getName()));
    }

    @GetMapping("/api/users")
    @PreAuthorize("hasRole('ADMIN')")
    List<UserAccount> list() {
        return users.list();
    }

    @GetMapping("/api/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    UserAccount get(@PathVariable String username) {
        return users.get(username);
    }

    @PostMapping("/api/users")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<UserAccount> create(@RequestBody UserRequest request) {
        UserAccount created = users.create(request);
        return ResponseEntity.created(URI.create("/api/users/" + created.username())).body(created);
    }

    @PutMapping("/api/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    UserAccount update(@PathVariable String username, @RequestBody UserRequest request) {
        return users.update(username, request);
    }

    @DeleteMapping("/api/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> delete(@PathVariable String username) {
        users.delete(username);
        return ResponseEntity.noContent().build();
    }
}
