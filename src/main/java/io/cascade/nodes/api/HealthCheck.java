package io.cascade.nodes.api;

/** How a node's health is probed: an HTTP GET of its health URL (any 2xx is healthy) or a TCP connect to a port. */
public enum HealthCheck {
    HTTP, TCP
}
