package com.redcoral.edge.kitchen;

import com.redcoral.edge.resource.ResourceState;
import com.redcoral.edge.resource.ResourceType;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which print destination makes a product: product → its category → the category's print destination.
 * A product without a category, or in a category without a destination, goes to no kitchen.
 */
@FunctionalInterface
public interface KitchenRouting {

    Optional<String> destinationOf(String productId);

    /** The routing of the catalog as {@code resources} gives it at the moment of each lookup. */
    static KitchenRouting of(Supplier<ResourceState> resources) {
        return productId -> {
            ResourceState state = resources.get();
            return state.item(ResourceType.PRODUCT, productId)
                    .flatMap(product -> product.text("category_id"))
                    .flatMap(category -> state.item(ResourceType.CATEGORY, category))
                    .flatMap(category -> category.text("print_destination_id"))
                    .filter(destination -> state.item(ResourceType.PRINT_DESTINATION, destination).isPresent());
        };
    }

    /** The name of a print destination, for a display's heading; empty when there is no such destination. */
    static Optional<String> nameOf(ResourceState resources, String destinationId) {
        return resources.item(ResourceType.PRINT_DESTINATION, destinationId).flatMap(d -> d.text("name"));
    }
}
