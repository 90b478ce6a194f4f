package dev.clave.profile;

import org.apiguardian.api.API;

/**
 * Sees what a {@link Profiler} made, e.g. to tell the reports: one default no-op method per kind. The JUnit extension
 * observes the profiler it injects this way and publishes each profile and map to the listeners with its test.
 *
 * <p>Called on the thread that asked for the profile or map; must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ProfileObserver {

    /** A profile was built. */
    default void profiled(ModelProfile profile) {
    }

    /** A map of profiles was made. */
    default void mapped(ProfileMap map) {
    }
}
