package io.pveflow.server.users;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.pveflow.server.web.ConflictException;
import io.pveflow.server.web.InvalidInputException;
import io.pveflow.server.web.NotFoundException;

/** Users stored in the database; also Spring Security's source of users for Basic and form login. */
@Service
public class UserService implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MIN_PASSWORD_LENGTH = 12;

    private final UserRepository repository;
    private final PasswordEncoder passwords;

    private final io.pveflow.server.audit.AuditLog audit;

    UserService(UserRepository repository, PasswordEncoder passwords, io.pveflow.server.audit.AuditLog audit) {
        this.repository = repository;
        this.passwords = passwords;
        this.audit = audit;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserRepository.StoredUser user = repository.find(username)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        return User.withUsername(user.account().username())
                .password(user.passwordHash())
                .disabled(!user.account().enabled())
                .authorities(user.account().roles().stream().map(Role::authority).toArray(String[]::new))
                .build();
    }

    public List<UserAccount> list() {
        return repository.findAll();
    }

    public UserAccount get(String username) {
        return repository.find(username).map(UserRepository.StoredUser::account)
                .orElseThrow(() -> new NotFoundException("No user named '" + username + "'"));
    }

    /** The candidate groups the user belongs to (empty for an unknown user), read fresh on every call. */
    public Set<String> groupsOf(String username) {
        return repository.groups(username);
    }

    /** True when an enabled user of that name exists. */
    public boolean isActiveUser(String username) {
        return username != null && repository.exists(username);
    }

    boolean noUsers() {
        return repository.count() == 0;
    }

    @Transactional
    public UserAccount create(UserRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            errors.put("username", "must be 1 to 64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit");
        }
        checkPassword(request.password(), true, errors);
        Set<Role> roles = roles(request.roles(), errors);
        Set<String> groups = groups(request.groups(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Invalid user", errors);
        }
        try {
            repository.insert(request.username(), passwords.encode(request.password()),
                    request.enabled() == null || request.enabled(), roles, groups, Instant.now());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A user named '" + request.username() + "' already exists");
        }
        log.info("User '{}' created with roles {}", request.username(), roles);
        audit.record("user-add", "user", request.username(), null, "roles=" + roles + " groups=" + groups);
        return get(request.username());
    }

    @Transactional
    public UserAccount update(String username, UserRequest request) {
        UserAccount current = get(username);
        Map<String, String> errors = new LinkedHashMap<>();
        if (request.username() != null && !request.username().equals(username)) {
            errors.put("username", "cannot change");
        }
        checkPassword(request.password(), false, errors);
        Set<Role> roles = request.roles() == null ? current.roles() : roles(request.roles(), errors);
        Set<String> groups = request.groups() == null ? current.groups() : groups(request.groups(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Invalid user", errors);
        }
        boolean enabled = request.enabled() == null ? current.enabled() : request.enabled();
        boolean losesAdmin = current.enabled() && current.roles().contains(Role.ADMIN)
                && (!enabled || !roles.contains(Role.ADMIN));
        if (losesAdmin && repository.countEnabledWithRole(Role.ADMIN) <= 1) {
            throw new ConflictException("'" + username + "' is the last enabled admin; make another admin first");
        }
        repository.update(username, request.password() == null ? null : passwords.encode(request.password()),
                enabled, roles, groups, Instant.now());
        log.info("User '{}' changed{}", username, request.password() == null ? "" : " (new password)");
        audit.record("user-change", "user", username, null, "roles=" + roles + " groups=" + groups + " enabled=" + enabled
                + (request.password() == null ? "" : " new password"));
        return get(username);
    }

    @Transactional
    public void delete(String username) {
        UserAccount current = get(username);
        if (current.enabled() && current.roles().contains(Role.ADMIN) && repository.countEnabledWithRole(Role.ADMIN) <= 1) {
            throw new ConflictException("'" + username + "' is the last enabled admin and cannot be removed");
        }
        repository.delete(username);
        log.info("User '{}' removed", username);
        audit.record("user-remove", "user", username, null, null);
    }

    /** Creates the first admin; false when another server node did it first. */
    @Transactional
    boolean createInitialAdmin(String username, String password) {
        try {
            repository.insert(username, passwords.encode(password), true, EnumSet.of(Role.ADMIN), Set.of(), Instant.now());
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    private static void checkPassword(String password, boolean required, Map<String, String> errors) {
        if (password == null) {
            if (required) {
                errors.put("password", "is required");
            }
        } else if (password.length() < MIN_PASSWORD_LENGTH || password.length() > 128) {
            errors.put("password", "must be " + MIN_PASSWORD_LENGTH + " to 128 characters long");
        }
    }

    private static Set<String> groups(Set<String> given, Map<String, String> errors) {
        if (given == null) {
            return Set.of();
        }
        Set<String> groups = new java.util.TreeSet<>();
        for (String group : given) {
            if (group == null || !GROUP.matcher(group.trim()).matches()) {
                errors.put("groups", "each group is 1 to 64 letters, digits, dots, dashes or underscores, starting with a "
                        + "letter or digit; got '" + group + "'");
            } else {
                groups.add(group.trim());
            }
        }
        return groups;
    }

    private static Set<Role> roles(Set<Role> given, Map<String, String> errors) {
        if (given == null || given.isEmpty()) {
            errors.put("roles", "at least one of ADMIN, OPERATOR, VIEWER");
            return Set.of();
        }
        return EnumSet.copyOf(given);
    }
}
