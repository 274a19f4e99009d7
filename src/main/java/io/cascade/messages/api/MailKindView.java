package io.cascade.messages.api;

import java.util.List;

/** A mail kind (such as {@code invitation}) with, per language, whether the issuer overrides its default. */
public record MailKindView(String kind, List<Language> languages) {

    /** One language of a kind: {@code overridden} when the issuer has its own version of some part. */
    public record Language(String language, boolean overridden) {
    }
}
