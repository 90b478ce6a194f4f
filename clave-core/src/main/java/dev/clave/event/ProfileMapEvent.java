package dev.clave.event;

import dev.clave.profile.ProfileCharts;
import dev.clave.profile.ProfileMap;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import static dev.clave.internal.Preconditions.notNull;

/**
 * A 2-D map of several profiles' answers was made, to be attached to the report as a chart:
 * {@link ProfileCharts#png(ProfileMap)} (or {@link ProfileCharts#svg(ProfileMap)}) draws it, one colour per model and one
 * marker per language.
 *
 * @param map  the map: the space projected ({@link ProfileMap#description()}), the profiles' names, one point per
 *             answer (profile, model, language, question id, value, x, y) and the variance shares of both axes
 * @param test the unique id of the test that made it, when a test did
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProfileMapEvent(ProfileMap map, @Nullable String test) {

    public ProfileMapEvent {
        notNull(map, "map");
    }
}
