/**
 * The messages module's published API: the outbox as people read and retry it (the sent-mail views). Producers never
 * use it; they publish their own events.
 */
@org.springframework.modulith.NamedInterface("api")
package io.cascade.messages.api;
