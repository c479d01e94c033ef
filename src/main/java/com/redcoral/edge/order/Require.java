package com.redcoral.edge.order;

import java.util.List;
import java.util.Objects;

/** Field checks for command records. Each returns the value it checked, or throws {@link InvalidField}. */
final class Require {

    static final int MAX_ID = 128;
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 1_000;
    static final int MAX_OPTIONS = 32;
    static final int MAX_ITEMS = 200;
    static final int MAX_GUESTS = 999;

    private Require() {}

    static String id(String field, String value) {
        String text = text(field, value, MAX_ID);
        if (text == null || text.isBlank()) {
            throw new InvalidField(field, "is required");
        }
        return text;
    }

    static String present(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidField(field, "is required");
        }
        return text(field, value, maxLength);
    }

    static String text(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidField(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    static long amount(String field, Long value, long min) {
        if (value == null) {
            throw new InvalidField(field, "is required");
        }
        return optionalAmount(field, value, min);
    }

    static Long optionalAmount(String field, Long value, long min) {
        if (value != null && (value < min || value > Money.MAX_AMOUNT)) {
            throw new InvalidField(field, "must be a whole number of minor units from " + min + " to "
                    + Money.MAX_AMOUNT + ", was " + value);
        }
        return value;
    }

    static int quantity(String field, Integer value) {
        if (value == null) {
            throw new InvalidField(field, "is required");
        }
        return optionalQuantity(field, value);
    }

    static Integer optionalQuantity(String field, Integer value) {
        if (value != null && (value < 1 || value > Money.MAX_QUANTITY)) {
            throw new InvalidField(field, "must be a whole number from 1 to " + Money.MAX_QUANTITY
                    + ", was " + value);
        }
        return value;
    }

    static Integer guests(String field, Integer value) {
        if (value != null && (value < 0 || value > MAX_GUESTS)) {
            throw new InvalidField(field, "must be from 0 to " + MAX_GUESTS + ", was " + value);
        }
        return value;
    }

    static <T> List<T> list(String field, List<T> value, int min, int max) {
        if (value == null) {
            if (min > 0) {
                throw new InvalidField(field, "is required");
            }
            return null;
        }
        if (value.stream().anyMatch(Objects::isNull)) {
            throw new InvalidField(field, "must not contain null");
        }
        if (value.size() < min || value.size() > max) {
            throw new InvalidField(field, "must hold from " + min + " to " + max + " entries, held "
                    + value.size());
        }
        return List.copyOf(value);
    }

    static List<String> options(String field, List<String> value) {
        List<String> options = list(field, value, 0, MAX_OPTIONS);
        if (options != null) {
            for (int i = 0; i < options.size(); i++) {
                present(field + "[" + i + "]", options.get(i), MAX_NAME);
            }
        }
        return options;
    }
}
