/**
 * Service nodes: the provider's servers that host its services (seed 003), with the services each hosts, its capacity
 * per resource type, its state ({@code ACTIVE}, {@code DRAINING}, {@code DOWN}, {@code RETIRED}) and its health, probed
 * on the job engine. Places new resources on the least loaded active node of their service with room
 * ({@code NodePlacements}, asked by provisioning) and asks provisioning to move them ({@code NodeMoves}, which
 * provisioning implements). Publishes {@code NodeWentDown} and {@code NodeCameBack}. Tables {@code service_node},
 * {@code node_placement}, {@code node_probe}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "catalog::api", "platform::api",
        "shared"})
package io.cascade.nodes;
