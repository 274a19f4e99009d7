package io.cascade.identity.internal;

import io.cascade.shared.InvalidInputException;

/** At least 10 characters (at most 128), at least 5 different characters, and not containing the e-mail's name part. */
public final class PasswordPolicy {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** The policy's complaint about this password, if any. */
    public static java.util.Optional<io.cascade.shared.FieldProblem> problem(String field, String password,
                                                                            String email) {
        try {
            check(field, password, email);
            return java.util.Optional.empty();
        } catch (InvalidInputException e) {
            return java.util.Optional.of(e.problems().get(0));
        }
    }

    static void check(String field, String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidInputException(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw new InvalidInputException(field, "must be at most 72 bytes (bcrypt reads no more)");
        }
        if (password.chars().distinct().count() < 5) {
            throw new InvalidInputException(field, "is too simple: use at least 5 different characters");
        }
        String name = email == null ? "" : email.split("@")[0].toLowerCase();
        if (name.length() >= 4 && password.toLowerCase().contains(name)) {
            throw new InvalidInputException(field, "must not contain your e-mail name");
        }
    }
}
