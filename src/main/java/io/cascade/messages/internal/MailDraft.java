package io.cascade.messages.internal;

import java.util.Map;
import java.util.UUID;

/** An e-mail to queue: its kind (which composer builds it), the account it belongs to, the facts it is built from. */
record MailDraft(String kind, UUID accountId, Map<String, ?> data) {
}
