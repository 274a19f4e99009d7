package io.cascade.messages.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * One mail kind's template in one language as an issuer sends it: {@code override} holds the parts the issuer set
 * (null parts keep the default), {@code defaults} the platform's parts, {@code effective} what is sent.
 * {@code placeholders} are the names its templates may use. {@code version} is the ETag of the resource.
 */
public record MailTemplateView(String kind, String language, boolean overridden, MailTemplateParts override,
                               MailTemplateParts defaults, MailTemplateParts effective, List<String> placeholders,
                               @JsonIgnore long version) {
}
