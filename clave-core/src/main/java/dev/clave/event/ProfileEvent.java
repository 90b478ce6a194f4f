package dev.clave.event;

import dev.clave.profile.ModelProfile;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import static dev.clave.internal.Preconditions.notNull;

/**
 * A value profile of a model in a language was built. What a report shows of it:
 * {@link ModelProfile#summary()} (model, language, battery, encoder, evaluator), {@link ModelProfile#table()} (per
 * value the {@code supports} and {@code opposes} rates with 95% Wilson intervals over all answers, and the counts on
 * the value's own questions) and, if it likes, every answer with its verdicts ({@link ModelProfile#answers()}).
 *
 * @param profile the profile: model id, language, battery name, encoder id, answers with embeddings and evaluations,
 *                rates per value
 * @param test    the unique id of the test that built it, when a test did
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProfileEvent(ModelProfile profile, @Nullable String test) {

    public ProfileEvent {
        notNull(profile, "profile");
    }
}
