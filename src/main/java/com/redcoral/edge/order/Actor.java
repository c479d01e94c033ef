package com.redcoral.edge.order;

import java.util.Objects;
import java.util.Set;

/**
 * An employee as the decider sees them: already identified (and, for an authorizer, their PIN
 * already checked) by the node, with the permissions of their role at this moment.
 */
public record Actor(String id, String name, Set<Permission> permissions) {

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        permissions = Set.copyOf(permissions);
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
