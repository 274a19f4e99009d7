/** The nodes module's published API: the only types of the module that other modules may use. */
@org.springframework.modulith.NamedInterface("api")
package io.cascade.nodes.api;
